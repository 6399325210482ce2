/** Paging helpers of the Mongo collections; cursors come from ../cursor.ts, shared with SQLite. */
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Page } from '../store.js';

export { decodeCursor, encodeCursor };

/** A page size as a whole number of at least 0; Mongo treats limit(0) as "no limit", so callers check for 0. */
export function pageSize(limit: number): number {
  const n = Math.trunc(Number(limit));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Current server time as an ISO-8601 string, the form every record carries. */
export const nowIso = (): string => new Date().toISOString();

/**
 * For a newest-first list sorted by (`field` desc, _id desc): the filter that starts the page
 * strictly after the (time, id) of the `after` cursor; {} without one or for a malformed one.
 */
export function olderThan(field: string, after: string | undefined): Record<string, unknown> {
  return beyond(field, after, '$lt');
}

/** The same for an oldest-first list sorted by (`field` asc, _id asc). */
export function newerThan(field: string, after: string | undefined): Record<string, unknown> {
  return beyond(field, after, '$gt');
}

function beyond(field: string, after: string | undefined, op: '$lt' | '$gt'): Record<string, unknown> {
  const cursor = decodeCursor(after == null ? undefined : String(after));
  if (!cursor) return {};
  return { $or: [{ [field]: { [op]: cursor.time } }, { [field]: cursor.time, _id: { [op]: cursor.id } }] };
}

/**
 * A page of `size` items from `docs` (fetched with limit size + 1); the next cursor is the time and
 * id of the last item, and only when more were found.
 */
export function timePage<D extends { _id: string }, R>(
  docs: D[],
  size: number,
  timeOf: (d: D) => string,
  toRecord: (d: D) => R,
): Page<R> {
  const page = docs.slice(0, size);
  const last = page[page.length - 1];
  return { items: page.map(toRecord), next: docs.length > size && last ? encodeCursor(timeOf(last), last._id) : null };
}
