/**
 * The slow mode in force on an article: the moderators' own (`slowModeSeconds`), or automatic slow
 * mode's (`autoSlowModeSeconds`) while it is engaged, whichever is longer. Posting, the snapshot and
 * the `article:settings` broadcast all read it from here, so they always agree.
 */
import type { BusMessages } from '../bus/bus.js';
import type { ArticleRecord } from '../store/store.js';

export interface SlowModeInForce {
  /** Seconds between a reader's comments; 0: no slow mode. */
  seconds: number;
  /** The automatic slow mode is the one in force. */
  auto: boolean;
}

type SlowModeFields = Pick<
  ArticleRecord,
  'slowModeSeconds' | 'autoSlowModePerMinute' | 'autoSlowModeSeconds' | 'autoSlowModeSince'
>;

/** Automatic slow mode is engaged: turned on (a threshold above 0) and its state says engaged. */
export const isAutoSlowModeEngaged = (a: SlowModeFields): boolean =>
  a.autoSlowModePerMinute > 0 && a.autoSlowModeSince !== null;

export function slowModeInForce(a: SlowModeFields): SlowModeInForce {
  if (isAutoSlowModeEngaged(a) && a.autoSlowModeSeconds > a.slowModeSeconds)
    return { seconds: a.autoSlowModeSeconds, auto: true };
  return { seconds: a.slowModeSeconds, auto: false };
}

/** What readers are told in `article:settings`: comments open, and the slow mode in force. */
export function publicSettingsOf(
  a: SlowModeFields & Pick<ArticleRecord, 'id' | 'commentsOpen'>,
): BusMessages['articleSettings'] {
  const slow = slowModeInForce(a);
  return { articleId: a.id, commentsOpen: a.commentsOpen, slowModeSeconds: slow.seconds, slowModeAuto: slow.auto };
}
