/**
 * Which of an article's debates is "current": the one its debate box, its live panel and the home
 * page follow. One definition for both sides (the server names it in the article list, the client
 * on the article page), a pure function of the debates' summaries.
 */
import type { DebateStatus } from './model.js';

/** What the choice looks at: a summary of each debate (shared/events.ts DebateSummary has more). */
export interface DebateStanding {
  id: string;
  status: DebateStatus;
  createdAt: string;
}

/**
 * Under way: from the pre-vote until the host closes it. A debate showing its results is still
 * current, since the host reveals and closes from its panel; only `closed` makes it past.
 */
const UNDER_WAY_RANK: Partial<Record<DebateStatus, number>> = {
  live: 0,
  'pre-vote': 1,
  'post-vote': 1,
  results: 2,
};

const oldestFirst = (a: DebateStanding, b: DebateStanding) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The current debate: the one under way (when several are, the one furthest into its session, then
 * the newest), else the next scheduled one (the oldest not yet started), else null.
 */
export function currentDebate<D extends DebateStanding>(debates: readonly D[]): D | null {
  let best: D | null = null;
  for (const d of debates) {
    const rank = UNDER_WAY_RANK[d.status];
    if (rank === undefined) continue;
    const bestRank = best ? UNDER_WAY_RANK[best.status]! : Infinity;
    if (rank < bestRank || (rank === bestRank && best && oldestFirst(d, best) > 0)) best = d;
  }
  if (best) return best;
  const scheduled = debates.filter((d) => d.status === 'scheduled').sort(oldestFirst);
  return scheduled[0] ?? null;
}

/** The article's debates split for its page: the current one, those held before (newest first), those planned after it (in order). */
export function debatesOfPage<D extends DebateStanding>(
  debates: readonly D[],
): { current: D | null; past: D[]; later: D[] } {
  const current = currentDebate(debates);
  const others = debates.filter((d) => d !== current);
  return {
    current,
    past: others.filter((d) => d.status !== 'scheduled').sort((a, b) => oldestFirst(b, a)),
    later: others.filter((d) => d.status === 'scheduled').sort(oldestFirst),
  };
}
