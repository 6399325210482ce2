/**
 * Automatic slow mode (issue 11). A moderator sets, per article, a comment rate (comments per
 * minute, `autoSlowModePerMinute`); when the article reaches it, slow mode engages by itself
 * (`autoSlowModeSeconds` between a reader's comments) and lifts once the rate has stayed below half
 * of it for a minute. The gap between the two thresholds, and the minute, keep it from flapping.
 *
 * Several processes: the rate is counted from the stored comments (the same number everywhere),
 * and the state is stored with the article and moved by compare-and-set, so any process may
 * evaluate at any time: when two do at once, one moves the state and announces it, the other
 * finds it moved and does nothing.
 */
import type { AutoSlowModeState } from '../store/auto-slow-mode-store.js';
import type { ArticleRecord } from '../store/store.js';
import type { Deps } from './deps.js';
import { isAutoSlowModeEngaged, publicSettingsOf, slowModeInForce } from './slow-mode.js';

/** The rate is the number of comments created in this window (a minute: "comments per minute"). */
export const RATE_WINDOW_MS = 60_000;
/** Below half the threshold this long lifts it. */
export const CALM_MS = 60_000;

const NOT_ENGAGED: AutoSlowModeState = { autoSlowModeSince: null, autoSlowModeCalmSince: null };

const stateOf = (a: ArticleRecord): AutoSlowModeState => ({
  autoSlowModeSince: a.autoSlowModeSince,
  autoSlowModeCalmSince: a.autoSlowModeCalmSince,
});

const sameState = (a: AutoSlowModeState, b: AutoSlowModeState) =>
  a.autoSlowModeSince === b.autoSlowModeSince && a.autoSlowModeCalmSince === b.autoSlowModeCalmSince;

/**
 * The next state, from the threshold (0: off), the state now, and the article's comments in the
 * last minute (counted up to at least the threshold). Engages at the threshold; while engaged,
 * starts the calm clock when the rate falls below half the threshold, stops it when the rate
 * comes back to half, and lifts when it has run for CALM_MS.
 */
export function nextAutoSlowModeState(
  perMinute: number,
  state: AutoSlowModeState,
  recentComments: number,
  now: Date,
): AutoSlowModeState {
  if (perMinute <= 0) return NOT_ENGAGED;
  if (state.autoSlowModeSince === null)
    return recentComments >= perMinute
      ? { autoSlowModeSince: now.toISOString(), autoSlowModeCalmSince: null }
      : NOT_ENGAGED;
  if (recentComments * 2 >= perMinute)
    return { autoSlowModeSince: state.autoSlowModeSince, autoSlowModeCalmSince: null };
  const calmSince = state.autoSlowModeCalmSince ?? now.toISOString();
  if (now.getTime() - Date.parse(calmSince) >= CALM_MS) return NOT_ENGAGED;
  return { autoSlowModeSince: state.autoSlowModeSince, autoSlowModeCalmSince: calmSince };
}

export interface Reconsidered {
  before: ArticleRecord;
  /** The article as it stands after this call (moved by it, by another process, or not at all). */
  after: ArticleRecord;
  /** This call moved the state (and so is the one to announce it). */
  moved: boolean;
  recentComments: number;
}

/**
 * Counts the article's last minute, decides, and stores the decision if the state is still what
 * was read. Announces nothing: evaluateAutoSlowMode and the settings use case do. null: no such article.
 */
export async function reconsiderAutoSlowMode(deps: Deps, articleId: string): Promise<Reconsidered | null> {
  const before = await deps.store.getArticle(articleId);
  if (!before) return null;
  const now = deps.now();
  const perMinute = before.autoSlowModePerMinute;
  const recentComments =
    perMinute > 0
      ? await deps.store.countCommentsSince(
          articleId,
          new Date(now.getTime() - RATE_WINDOW_MS).toISOString(),
          perMinute,
        )
      : 0;
  const next = nextAutoSlowModeState(perMinute, stateOf(before), recentComments, now);
  if (sameState(next, stateOf(before))) return { before, after: before, moved: false, recentComments };
  const moved = await deps.store.moveAutoSlowMode(articleId, stateOf(before), next);
  if (moved) return { before, after: moved, moved: true, recentComments };
  // Another process moved it first; it announces what it did.
  const current = await deps.store.getArticle(articleId);
  return current ? { before, after: current, moved: false, recentComments } : null;
}

/**
 * Evaluates the article's automatic slow mode now. When this call engages or lifts it, readers are
 * told (`article:settings`, if the slow mode in force changed) and the audit log says why, once,
 * whichever process made the call. Returns what it did.
 */
export async function evaluateAutoSlowMode(deps: Deps, articleId: string): Promise<'engaged' | 'lifted' | null> {
  const r = await reconsiderAutoSlowMode(deps, articleId);
  if (!r?.moved) return null;
  const wasEngaged = isAutoSlowModeEngaged(r.before);
  const isEngaged = isAutoSlowModeEngaged(r.after);
  // Only the calm clock moved (or a state left over from a threshold set to 0 was cleared).
  if (wasEngaged === isEngaged) return null;
  const was = slowModeInForce(r.before);
  const is = slowModeInForce(r.after);
  if (was.seconds !== is.seconds || was.auto !== is.auto)
    await deps.bus.publish('articleSettings', publicSettingsOf(r.after));
  const perMinute = r.after.autoSlowModePerMinute;
  await deps.store.appendAudit({
    articleId,
    commentId: null,
    targetUserId: null,
    actorId: 'system',
    actorName: 'Parley (automatic)',
    action: 'settings',
    reason: isEngaged
      ? `Automatic slow mode engaged: at least ${perMinute} comments in the last minute; readers may post once every ${r.after.autoSlowModeSeconds} s.`
      : `Automatic slow mode lifted: under ${perMinute / 2} comments a minute for a minute.`,
    before: { slowModeSeconds: was.seconds, slowModeAuto: was.auto },
    after: { slowModeSeconds: is.seconds, slowModeAuto: is.auto },
    at: deps.now().toISOString(),
  });
  return isEngaged ? 'engaged' : 'lifted';
}
