/** Stores notifications and tells their recipients' open tabs (the `notificationNew` bus topic). */
import type { Notification } from '../../../shared/notifications.js';
import { SETTING_OF_KIND } from '../../../shared/notifications.js';
import type { NewNotification, NotificationRecord } from '../../store/notification-store.js';
import type { Deps } from '../deps.js';

/** The recipient's view: the record without its bookkeeping. */
export function toNotification(r: NotificationRecord): Notification {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    readAt: r.readAt,
    actorName: r.actorName,
    articleId: r.articleId,
    articleSlug: r.articleSlug,
    articleTitle: r.articleTitle,
    commentId: r.commentId,
    debateId: r.debateId,
    action: r.action,
    reason: r.reason,
    excerpt: r.excerpt,
  };
}

/**
 * Keeps the notifications whose recipients want their kind (settings), stores them in one batch,
 * then publishes each with its recipient's unread count. Resolves with what was stored.
 */
export async function deliverNotifications(
  deps: Deps,
  candidates: readonly NewNotification[],
): Promise<NotificationRecord[]> {
  if (candidates.length === 0) return [];
  const settings = await deps.store.getNotificationSettings([...new Set(candidates.map((c) => c.userId))]);
  const wanted = candidates.filter((c) => settings.get(c.userId)?.[SETTING_OF_KIND[c.kind]] !== false);
  const stored = await deps.store.addNotifications(wanted);
  for (const record of stored) {
    const unread = await deps.store.countUnreadNotifications(record.userId);
    await deps.bus.publish('notificationNew', {
      userId: record.userId,
      event: { notification: toNotification(record), unread },
    });
  }
  return stored;
}
