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

/**
 * Cursor of a ranked comment list: the sort key and the seq of the last item, joined by ':'.
 * Keys are numbers (score, Wilson bound, controversy); seq breaks ties.
 */
export function encodeRankCursor(key: number, seq: number): string {
  return `${key}:${seq}`;
}

export function decodeRankCursor(cursor: string | undefined): { key: number; seq: number } | null {
  if (!cursor) return null;
  const colon = cursor.lastIndexOf(':');
  const key = Number(cursor.slice(0, colon));
  const seq = Number(cursor.slice(colon + 1));
  if (colon < 1 || !Number.isFinite(key) || !Number.isSafeInteger(seq) || seq < 0) return null;
  return { key, seq };
}
