/**
 * A user's own notifications: list, mark read (one, some or all), settings, debate follows. Every
 * change that an open tab shows (the unread count) is published to all of the user's tabs.
 */
import type { NotificationPage, NotificationSettings, NotificationsRead } from '../../../shared/notifications.js';
import { AppError } from '../../errors.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../users.js';
import { toNotification } from './deliver.js';

function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to see your notifications.');
  return actor;
}

/** The user's notifications, newest first, with the unread count. */
export async function listMyNotifications(
  deps: Deps,
  actor: Actor | null,
  query: { limit?: number | undefined; after?: string | undefined },
): Promise<NotificationPage> {
  const me = signedIn(actor);
  const page = await deps.store.listNotifications(me.id, {
    limit: query.limit ?? 20,
    ...(query.after ? { after: query.after } : {}),
  });
  return {
    items: page.items.map(toNotification),
    next: page.next,
    unread: await deps.store.countUnreadNotifications(me.id),
  };
}

/**
 * Marks the user's notifications read (ids of others, or unknown ids, are ignored: a user cannot
 * learn whether someone else's id exists) and tells every open tab of the user, on any process.
 */
export async function markNotificationsRead(
  deps: Deps,
  actor: Actor | null,
  input: { ids: string[] } | { all: true },
): Promise<NotificationsRead> {
  const me = signedIn(actor);
  const ids = 'ids' in input ? [...new Set(input.ids)] : 'all';
  const changed = await deps.store.markNotificationsRead(me.id, ids, deps.now().toISOString());
  const event: NotificationsRead = {
    ids: ids === 'all' ? null : ids,
    unread: await deps.store.countUnreadNotifications(me.id),
  };
  // Nothing changed (read already, elsewhere): the tabs know; no event.
  if (changed > 0) await deps.bus.publish('notificationsRead', { userId: me.id, event });
  return event;
}

export async function myNotificationSettings(deps: Deps, actor: Actor | null): Promise<NotificationSettings> {
  const me = signedIn(actor);
  return (await deps.store.getNotificationSettings([me.id])).get(me.id)!;
}

export async function changeNotificationSettings(
  deps: Deps,
  actor: Actor | null,
  patch: Partial<NotificationSettings>,
): Promise<NotificationSettings> {
  const me = signedIn(actor);
  if (patch.digest === true) {
    const user = await deps.store.getUser(me.id);
    if (!user?.email)
      throw new AppError('VALIDATION_FAILED', 'Add an e-mail address to your account to receive digests.', [
        { path: 'digest', message: 'no e-mail address on the account' },
      ]);
  }
  return deps.store.setNotificationSettings(me.id, patch);
}

/** Follows or unfollows a debate: a followed debate going live notifies (kind `debate`). */
export async function followDebate(
  deps: Deps,
  actor: Actor | null,
  input: { debateId: string; following: boolean },
): Promise<{ following: boolean }> {
  const me = signedIn(actor);
  if (!(await deps.store.getDebate(input.debateId))) throw new AppError('NOT_FOUND', 'No such debate.');
  await deps.store.setDebateFollow(input.debateId, me.id, input.following);
  return { following: input.following };
}

export async function isFollowing(deps: Deps, actor: Actor | null, debateId: string): Promise<{ following: boolean }> {
  const me = signedIn(actor);
  if (!(await deps.store.getDebate(debateId))) throw new AppError('NOT_FOUND', 'No such debate.');
  return { following: await deps.store.isFollowingDebate(debateId, me.id) };
}
