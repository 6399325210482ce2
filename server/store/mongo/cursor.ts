/** Paging helpers shared by the Mongo collections; same cursor format as the SQLite adapter. */

/** Cursor of a time-ordered list: the sort time and the id, joined by '|'. */
export function encodeCursor(time: string, id: string): string {
  return `${time}|${id}`;
}

/** Parses a cursor made by encodeCursor; a malformed cursor reads as "from the start". */
export function decodeCursor(cursor: string | undefined): { time: string; id: string } | null {
  if (typeof cursor !== 'string' || cursor === '') return null;
  const bar = cursor.indexOf('|');
  if (bar < 1) return null;
  return { time: cursor.slice(0, bar), id: cursor.slice(bar + 1) };
}

/** A page size as a whole number of at least 0; Mongo treats limit(0) as "no limit", so callers check for 0. */
export function pageSize(limit: number): number {
  const n = Math.trunc(Number(limit));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Current server time as an ISO-8601 string, the form every record carries. */
export const nowIso = (): string => new Date().toISOString();
