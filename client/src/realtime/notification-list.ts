/**
 * The signed-in user's notifications as the bell shows them: a pure state and the steps that move
 * it (a page loaded, a live `notification:new`, a live or own `notifications:read`), so the hook
 * (useNotifications.ts) stays thin and the rules are tested alone.
 */
import type { Notification, NotificationNew, NotificationsRead } from '../../../shared/notifications.js';

export interface NotificationList {
  items: Notification[];
  unread: number;
  /** Cursor of the next page; null at the end. */
  next: string | null;
  loaded: boolean;
}

export const EMPTY_LIST: NotificationList = { items: [], unread: 0, next: null, loaded: false };

/** A first page (replace: after a reconnect, what was missed comes with it) or a further one (append). */
export function withPage(
  list: NotificationList,
  page: { items: Notification[]; next: string | null; unread: number },
  mode: 'replace' | 'append',
): NotificationList {
  const items = mode === 'replace' ? page.items : [...list.items, ...page.items.filter((n) => !has(list, n.id))];
  return { items, unread: page.unread, next: mode === 'replace' || list.next ? page.next : null, loaded: true };
}

const has = (list: NotificationList, id: string) => list.items.some((n) => n.id === id);

/** A new notification goes on top (once, however often it arrives); the count is the server's. */
export function withNew(list: NotificationList, event: NotificationNew): NotificationList {
  const items = has(list, event.notification.id) ? list.items : [event.notification, ...list.items];
  return { ...list, items, unread: event.unread };
}

/** Notifications read (ids null: all of them), here or in another tab. */
export function withRead(list: NotificationList, event: NotificationsRead, at: string): NotificationList {
  const ids = event.ids ? new Set(event.ids) : null;
  const items = list.items.map((n) => (n.readAt === null && (!ids || ids.has(n.id)) ? { ...n, readAt: at } : n));
  return { ...list, items, unread: event.unread };
}
