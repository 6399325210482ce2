/** Paging helpers of the Mongo collections; cursors come from ../cursor.ts, shared with SQLite. */
export { decodeCursor, encodeCursor } from '../cursor.js';

/** A page size as a whole number of at least 0; Mongo treats limit(0) as "no limit", so callers check for 0. */
export function pageSize(limit: number): number {
  const n = Math.trunc(Number(limit));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Current server time as an ISO-8601 string, the form every record carries. */
export const nowIso = (): string => new Date().toISOString();
