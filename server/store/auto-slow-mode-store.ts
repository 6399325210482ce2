/**
 * Store methods of automatic slow mode (issue 11): the article's recent comment rate, read from what
 * is stored so that every process sees the same number, and the engaged state kept with the
 * article's settings, moved only by compare-and-set so that processes evaluating at the same
 * moment agree on one transition. Both adapters implement every method; the contract is in
 * contract.ts.
 */
import type { ArticleRecord } from './store.js';

/** Where automatic slow mode stands on an article; stored with the article's settings. */
export interface AutoSlowModeState {
  /** When it engaged (ISO 8601); null while it is not engaged. */
  autoSlowModeSince: string | null;
  /** While engaged: since when the comment rate has stayed below half the threshold; else null. */
  autoSlowModeCalmSince: string | null;
}

export interface AutoSlowModeStore {
  /**
   * Comments of the article (any status) created at or after `since`, counting no further than
   * `cap` (0 for a cap below 1): the caller only needs to know whether a threshold is reached.
   */
  countCommentsSince(articleId: string, since: string, cap: number): Promise<number>;
  /** Ids of the articles whose automatic slow mode is engaged (autoSlowModeSince set). */
  listAutoSlowModeEngaged(): Promise<string[]>;
  /**
   * Sets the article's automatic slow-mode state to `to`, only if it is still `from`. Returns the
   * article after the change, or null when the state was no longer `from` (another process moved
   * it first) or the article does not exist.
   */
  moveAutoSlowMode(articleId: string, from: AutoSlowModeState, to: AutoSlowModeState): Promise<ArticleRecord | null>;
}
