/** The notifications part of the store contract (issue 15), run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../shared/notifications.js';
import type { StoreHarness } from './contract.js';
import type { NewNotification } from './notification-store.js';
import type { Store } from './store.js';

const note = (userId: string, createdAt: string, extra: Partial<NewNotification> = {}): NewNotification => ({
  userId,
  kind: 'reply',
  createdAt,
  actorName: 'Bo',
  articleId: 'a1',
  articleSlug: 'slug',
  articleTitle: 'Title',
  commentId: 'c1',
  debateId: null,
  action: null,
  reason: null,
  excerpt: 'hello',
  ...extra,
});

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

export function describeNotificationContract(name: string, harness: StoreHarness): void {
  describe(`store contract, notifications: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    it('lists a user’s notifications newest first with paging, and only theirs', async () => {
      store = await harness.open();
      const added = await store.addNotifications([
        note('u1', at(1)),
        note('u1', at(3), { kind: 'moderation', action: 'removed', reason: 'off topic', actorName: 'Mod' }),
        note('u2', at(2)),
        note('u1', at(2), { kind: 'mention' }),
      ]);
      expect(added.map((n) => n.userId)).toEqual(['u1', 'u1', 'u2', 'u1']);
      expect(added.every((n) => n.readAt === null && n.emailedAt === null && n.id.length > 0)).toBe(true);
      const first = await store.listNotifications('u1', { limit: 2 });
      expect(first.items.map((n) => n.createdAt)).toEqual([at(3), at(2)]);
      expect(first.items[0]).toMatchObject({ kind: 'moderation', action: 'removed', reason: 'off topic' });
      expect(first.next).not.toBeNull();
      const second = await store.listNotifications('u1', { limit: 2, after: first.next! });
      expect(second.items.map((n) => n.createdAt)).toEqual([at(1)]);
      expect(second.next).toBeNull();
      expect((await store.listNotifications('u1', { limit: 5, after: 'garbage' })).items).toHaveLength(3);
      expect(await store.countUnreadNotifications('u1')).toBe(3);
      expect(await store.countUnreadNotifications('nobody')).toBe(0);
      expect(await store.addNotifications([])).toEqual([]);
    });

    it('marks some or all read, only the owner’s, and keeps the first read time', async () => {
      store = await harness.open();
      const [a, b, c] = await store.addNotifications([note('u1', at(1)), note('u1', at(2)), note('u2', at(3))]);
      expect(await store.markNotificationsRead('u1', [a!.id, c!.id, 'unknown'], at(10))).toBe(1);
      expect(await store.countUnreadNotifications('u1')).toBe(1);
      expect(await store.countUnreadNotifications('u2')).toBe(1);
      expect(await store.markNotificationsRead('u1', [a!.id], at(20))).toBe(0);
      expect(await store.markNotificationsRead('u1', [], at(20))).toBe(0);
      expect(await store.markNotificationsRead('u1', 'all', at(30))).toBe(1);
      const items = (await store.listNotifications('u1', { limit: 10 })).items;
      expect(items.find((n) => n.id === a!.id)?.readAt).toBe(at(10));
      expect(items.find((n) => n.id === b!.id)?.readAt).toBe(at(30));
      expect(await store.countUnreadNotifications('u1')).toBe(0);
    });

    it('keeps settings per user with defaults, and debate follows', async () => {
      store = await harness.open();
      expect((await store.getNotificationSettings(['u1'])).get('u1')).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
      expect(await store.setNotificationSettings('u1', { replies: false, digest: true })).toEqual({
        ...DEFAULT_NOTIFICATION_SETTINGS,
        replies: false,
        digest: true,
      });
      expect(await store.setNotificationSettings('u1', { mentions: false })).toMatchObject({
        replies: false,
        mentions: false,
        digest: true,
      });
      const map = await store.getNotificationSettings(['u1', 'u2']);
      expect(map.get('u1')?.mentions).toBe(false);
      expect(map.get('u2')).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
      expect((await store.getNotificationSettings([])).size).toBe(0);

      await store.setDebateFollow('d1', 'u1', true);
      await store.setDebateFollow('d1', 'u1', true);
      await store.setDebateFollow('d1', 'u2', true);
      expect((await store.listDebateFollowers('d1')).sort()).toEqual(['u1', 'u2']);
      expect(await store.isFollowingDebate('d1', 'u1')).toBe(true);
      await store.setDebateFollow('d1', 'u1', false);
      expect(await store.isFollowingDebate('d1', 'u1')).toBe(false);
      expect(await store.listDebateFollowers('d1')).toEqual(['u2']);
      expect(await store.listDebateFollowers('d2')).toEqual([]);
    });

    it('finds digest recipients and what no digest carried yet', async () => {
      store = await harness.open();
      await store.setNotificationSettings('u1', { digest: true });
      await store.setNotificationSettings('u3', { digest: true });
      const [a, b] = await store.addNotifications([note('u1', at(1)), note('u1', at(2)), note('u2', at(3))]);
      // u2 never asked for a digest; u3 asked but has nothing.
      expect(await store.listDigestRecipients(10)).toEqual(['u1']);
      await store.markNotificationsRead('u1', [a!.id], at(5));
      expect((await store.listUndigested('u1', 10)).map((n) => n.id)).toEqual([b!.id]);
      await store.markDigested([b!.id], at(6));
      expect(await store.listUndigested('u1', 10)).toEqual([]);
      expect(await store.listDigestRecipients(10)).toEqual([]);
      expect((await store.listNotifications('u1', { limit: 5 })).items[0]?.emailedAt).toBe(at(6));
    });

    it('keeps notifications across a reopen', async () => {
      store = await harness.open();
      await store.addNotifications([note('u1', at(1))]);
      await store.setNotificationSettings('u1', { debates: false });
      store = await harness.reopen(store);
      expect(await store.countUnreadNotifications('u1')).toBe(1);
      expect((await store.getNotificationSettings(['u1'])).get('u1')?.debates).toBe(false);
    });
  });
}
