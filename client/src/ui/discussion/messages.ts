/** Words for what can go wrong in the live discussion, and small helpers for counts. */
import { LIMITS } from '../../../../shared/schemas.js';
import { LiveError } from '../../realtime/requests.js';
import { formatDateTime } from '../time.js';

/** A sentence for a failed action. The server's public messages are written for readers already. */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof LiveError) {
    switch (error.code) {
      case 'VALIDATION_FAILED':
        return `Parley could not accept that text: it must not be empty or longer than ${LIMITS.commentMax.toLocaleString('en')} characters.`;
      case 'UNAUTHENTICATED':
      case 'TOKEN_EXPIRED':
      case 'TOKEN_INVALID':
        return 'Your session has ended. Sign in again to take part.';
      case 'MUTED':
      case 'BANNED': {
        const { until, reason } = error.error.meta ?? {};
        const what = error.code === 'MUTED' ? 'You are muted' : 'You are banned from commenting';
        const when = until ? ` until ${formatDateTime(until)}` : until === null ? ' with no end date' : '';
        return `${what}${when}.${reason ? ` Reason: ${reason}` : ''}`;
      }
      case 'OVERLOADED':
        return busyMessage(error.error.meta?.retryAfterMs, false);
      default:
        return error.message;
    }
  }
  return 'Parley did not answer in time. Check your connection and try again.';
}

/**
 * The calm words for an OVERLOADED refusal: nothing was saved, and when it will be (retrying) or
 * may be (not retrying) tried again.
 */
export function busyMessage(retryAfterMs: number | undefined, retrying: boolean): string {
  const when = retryAfterMs === undefined ? 'in a few seconds' : `in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`;
  return retrying ? `Busy right now — trying again ${when}.` : `Busy right now — nothing was saved. Try again ${when}.`;
}

/** The composer's note on the slow mode in force (null: none), saying when it is the automatic one. */
export function slowModeNote(seconds: number, auto: boolean): string | null {
  if (seconds <= 0) return null;
  const every = `readers may post once every ${formatSeconds(seconds)}`;
  return auto ? `Slow mode is on (automatic: the discussion is very busy): ${every}.` : `Slow mode is on: ${every}.`;
}

/** "1 comment", "3 comments". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "30 seconds", "2 minutes". */
export function formatSeconds(seconds: number): string {
  if (seconds < 120 || seconds % 60 !== 0) return plural(seconds, 'second');
  return plural(seconds / 60, 'minute');
}

/** Moves keyboard focus to a comment once React has drawn it. */
export function focusComment(commentId: string): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(commentId)}"]`);
    el?.focus();
  });
}

/**
 * Call before removing a comment; the function it returns, called once the removal is applied,
 * focuses the comment (still on the page as "[deleted]" when replies hang under it) or, when it has
 * left the page, the comment that followed it (or the one before), so focus never drops to the body.
 */
export function focusCommentAfterRemoval(commentId: string): () => void {
  const all = [...document.querySelectorAll<HTMLElement>('[data-comment-id]')];
  const at = all.findIndex((el) => el.dataset.commentId === commentId);
  const neighbours = at < 0 ? [] : [...all.slice(at + 1), ...all.slice(0, at).reverse()];
  return () =>
    requestAnimationFrame(() => {
      const self = document.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(commentId)}"]`);
      (self ?? neighbours.find((el) => el.isConnected))?.focus();
    });
}
