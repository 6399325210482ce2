/**
 * Comment ranking, shared so that stores index the same keys the client would compute.
 * - best: lower bound of the Wilson score interval at 95% confidence (Evan Miller, "How Not To Sort
 *   By Average Rating"): a comment with 3 up and 0 down does not beat one with 300 up and 20 down.
 * - controversial: many votes, evenly split (reddit's measure): (up+down) ^ (min/max).
 */
export const COMMENT_SORTS = ['best', 'top', 'new', 'old', 'controversial'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

const Z = 1.959963984540054; // 95% two-sided

export function wilsonLowerBound(up: number, down: number): number {
  const n = up + down;
  if (n === 0) return 0;
  const p = up / n;
  const z2 = Z * Z;
  return (p + z2 / (2 * n) - Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

export function controversy(up: number, down: number): number {
  if (up <= 0 || down <= 0) return 0;
  const magnitude = up + down;
  const balance = up > down ? down / up : up / down;
  return magnitude ** balance;
}

/** Ranking keys stored with each comment and refreshed whenever its tally moves. */
export function rankKeys(up: number, down: number): { score: number; best: number; controversy: number } {
  return { score: up - down, best: wilsonLowerBound(up, down), controversy: controversy(up, down) };
}
