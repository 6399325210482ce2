/** Cursors for time-ordered lists (articles, users): the sort time and the id, joined by '|'. */
export function encodeCursor(time: string, id: string): string {
  return `${time}|${id}`;
}

/** Reads a cursor; null for a missing or malformed one (which then means "from the start"). */
export function decodeCursor(cursor: string | undefined): { time: string; id: string } | null {
  if (!cursor) return null;
  const bar = cursor.indexOf('|');
  if (bar < 1 || bar === cursor.length - 1) return null;
  return { time: cursor.slice(0, bar), id: cursor.slice(bar + 1) };
}
