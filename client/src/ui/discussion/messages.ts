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
      default:
        return error.message;
    }
  }
  return 'Parley did not answer in time. Check your connection and try again.';
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
