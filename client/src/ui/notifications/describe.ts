/** What a notification says and where it leads, in words a reader expects. */
import type { Notification } from '../../../../shared/notifications.js';
import { articlePath } from '../../state/router.js';

/** The anchor of a comment on its article page (comment-anchor.ts scrolls to it). */
export const commentAnchor = (commentId: string): string => `comment-${commentId}`;

/** The article page, at the comment when there is one. */
export function notificationHref(n: Notification): string | null {
  if (!n.articleSlug) return null;
  return `${articlePath(n.articleSlug)}${n.commentId ? `#${commentAnchor(n.commentId)}` : ''}`;
}

/** The sentence that says what happened (the extract is shown apart). */
export function notificationTitle(n: Notification): string {
  const who = n.actorName ?? 'Someone';
  switch (n.kind) {
    case 'reply':
      return `${who} replied to your comment`;
    case 'mention':
      return `${who} mentioned you`;
    case 'moderation':
      return `A moderator ${n.action ?? 'acted on'} your comment${n.action === 'held' ? ' for review' : ''}`;
    case 'debate':
      return 'A debate you follow is live';
  }
}
