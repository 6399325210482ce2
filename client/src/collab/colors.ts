/**
 * Cursor colours. The caret extension accepts only #rrggbb; each colour carries white label
 * text at a contrast of at least 4.5:1.
 */
const PALETTE = ['#b3261e', '#1d5fd1', '#0b6b35', '#8a4b00', '#6a1b9a', '#00676a', '#a1126b', '#37474f'] as const;

/** A stable colour for a user id (or a guest's random key). */
export function colorFor(key: string): string {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
