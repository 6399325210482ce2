/**
 * How the opinion groups stand on each statement (analysis.ts, issue 16): which statements every
 * group agrees with (consensus, Pol.is style) and which split two groups apart (divisive). Both
 * take the vote splits per statement per group and return columns with scores, best first.
 */
import type { VoteSplit } from '../../../shared/common-ground.js';

/** A divisive statement: two groups at least this far apart in agreement ... */
export const MIN_DIVISIVE_GAP = 0.3;
/** ... and the gap significant (two-proportion z-test, two-sided 95 %); also Wilson's z. */
const Z_95 = 1.96;

/**
 * Wilson score interval's lower bound (95 %) of `successes` out of `n`: a share that holds for
 * the group and not merely for the few of it who voted.
 */
export function wilsonLowerBound(successes: number, n: number): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = Z_95 * Z_95;
  const centre = p + z2 / (2 * n);
  const margin = Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - margin) / (1 + z2 / n);
}

const voted = (s: VoteSplit) => s.agree + s.disagree + s.pass;

/**
 * Statements every group agrees with: in each group, the Wilson lower bound of the agree share
 * (passes count against) above one half; a group that did not vote on it vetoes it. Score: the
 * weakest group's bound. Strongest first (ties: column order).
 */
export function consensusStatements(groupSplits: VoteSplit[][]): Array<{ column: number; score: number }> {
  const found: Array<{ column: number; score: number }> = [];
  groupSplits.forEach((perGroup, column) => {
    if (perGroup.length === 0) return;
    const score = Math.min(...perGroup.map((s) => wilsonLowerBound(s.agree, voted(s))));
    if (score > 0.5) found.push({ column, score });
  });
  return found.sort((a, b) => b.score - a.score || a.column - b.column);
}

/**
 * Statements that split the groups: the largest gap in agree share between two groups (smoothed,
 * (agree + 1) / (n + 2), so a handful of votes cannot make a gap of 1), over the pairs whose gap is
 * at least MIN_DIVISIVE_GAP and significant by a two-proportion z-test. Most divided first.
 */
export function divisiveStatements(groupSplits: VoteSplit[][]): Array<{ column: number; score: number }> {
  const found: Array<{ column: number; score: number }> = [];
  groupSplits.forEach((perGroup, column) => {
    let score = 0;
    perGroup.forEach((a, i) => {
      for (const b of perGroup.slice(i + 1)) {
        const [na, nb] = [voted(a), voted(b)];
        if (na === 0 || nb === 0) continue;
        const gap = Math.abs((a.agree + 1) / (na + 2) - (b.agree + 1) / (nb + 2));
        if (gap >= MIN_DIVISIVE_GAP && gap > score && significantDifference(a.agree, na, b.agree, nb)) score = gap;
      }
    });
    if (score > 0) found.push({ column, score });
  });
  return found.sort((a, b) => b.score - a.score || a.column - b.column);
}

/** Two-proportion z-test (pooled), two-sided at 95 %. */
function significantDifference(a: number, na: number, b: number, nb: number): boolean {
  const pooled = (a + b) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  return se > 0 && Math.abs(a / na - b / nb) / se >= Z_95;
}
