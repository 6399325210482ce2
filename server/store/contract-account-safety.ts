/** The safe-names and account-recovery part of the store contract (issue 15), run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreHarness } from './contract.js';
import type { NewUser, Store } from './store.js';

const user = (name: string, extra: Partial<NewUser> = {}): NewUser => ({
  name,
  nameKey: name.toLowerCase(),
  passwordHash: 'scrypt$x',
  role: 'reader',
  email: null,
  ssoProvider: null,
  ssoSubject: null,
  ...extra,
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

export function describeAccountSafetyContract(name: string, harness: StoreHarness): void {
  describe(`store contract, safe names and account recovery: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    it('records name skeletons, finds users by them and lists users still without one', async () => {
      store = await harness.open();
      const amina = await store.createUser(user('Amina Khan'));
      const bo = await store.createUser(user('Bo'));
      expect((await store.listUsersWithoutNameSkeleton(10)).map((u) => u.id).sort()).toEqual([amina.id, bo.id].sort());
      expect(await store.setUserNameSkeleton(amina.id, 'arnlna khan')).toBe(true);
      expect(await store.setUserNameSkeleton('no-such-user', 'x')).toBe(false);
      expect((await store.findUsersByNameSkeleton('arnlna khan', 5)).map((u) => u.name)).toEqual(['Amina Khan']);
      expect(await store.findUsersByNameSkeleton('bo', 5)).toEqual([]);
      expect(await store.findUsersByNameSkeleton('arnlna khan', 0)).toEqual([]);
      expect((await store.listUsersWithoutNameSkeleton(10)).map((u) => u.id)).toEqual([bo.id]);
      expect(await store.listUsersWithoutNameSkeleton(0)).toEqual([]);
      // The skeleton survives a reopen and does not leak into the record.
      store = await harness.reopen(store);
      const found = await store.findUsersByNameSkeleton('arnlna khan', 5);
      expect(found[0]).toEqual(await store.getUser(amina.id));
      expect(Object.keys(found[0]!)).not.toContain('nameSkeleton');
    });

    it('searches users by name key prefix, a page at a time, with no wildcard characters', async () => {
      store = await harness.open();
      for (const n of ['anna', 'ann_e', 'annie', 'bob', 'an%', 'Anders']) await store.createUser(user(n));
      const first = await store.searchUsers({ prefix: 'an', limit: 2 });
      expect(first.items.map((u) => u.nameKey)).toEqual(['an%', 'anders']);
      expect(first.next).not.toBeNull();
      const second = await store.searchUsers({ prefix: 'an', limit: 2, after: first.next! });
      expect(second.items.map((u) => u.nameKey)).toEqual(['ann_e', 'anna']);
      const third = await store.searchUsers({ prefix: 'an', limit: 2, after: second.next! });
      expect(third.items.map((u) => u.nameKey)).toEqual(['annie']);
      expect(third.next).toBeNull();
      expect((await store.searchUsers({ prefix: 'ann_', limit: 10 })).items.map((u) => u.nameKey)).toEqual(['ann_e']);
      expect((await store.searchUsers({ prefix: '', limit: 10 })).items).toHaveLength(6);
      expect((await store.searchUsers({ prefix: 'an', limit: 10, after: 'garbage' })).items).toHaveLength(5);
      expect(await store.searchUsers({ prefix: 'an', limit: 0 })).toEqual({ items: [], next: null });
    });

    it('counts users by role, finds them by e-mail ignoring case and sets a password', async () => {
      store = await harness.open();
      const a = await store.createUser(user('A', { role: 'admin', email: 'Amina@News.example' }));
      await store.createUser(user('B', { role: 'admin' }));
      await store.createUser(user('C', { email: 'c@news.example' }));
      expect(await store.countUsersWithRole('admin')).toBe(2);
      expect(await store.countUsersWithRole('moderator')).toBe(0);
      expect((await store.findUsersByEmail('amina@news.EXAMPLE', 5)).map((u) => u.id)).toEqual([a.id]);
      expect(await store.findUsersByEmail('nobody@news.example', 5)).toEqual([]);
      const changed = await store.setUserPassword(a.id, 'scrypt$new');
      expect(changed?.passwordHash).toBe('scrypt$new');
      expect((await store.getUser(a.id))?.passwordHash).toBe('scrypt$new');
      expect(await store.setUserPassword('no-such-user', 'scrypt$new')).toBeNull();
    });

    it('gives a reset token once, not after it expires, and drops a user’s tokens on demand', async () => {
      store = await harness.open();
      const u = await store.createUser(user('Amina'));
      await store.saveResetToken({ tokenHash: HASH_A, userId: u.id, createdAt: at(0), expiresAt: at(30) });
      expect(await store.consumeResetToken(HASH_A, at(10))).toEqual({
        tokenHash: HASH_A,
        userId: u.id,
        createdAt: at(0),
        expiresAt: at(30),
      });
      expect(await store.consumeResetToken(HASH_A, at(10))).toBeNull();
      await store.saveResetToken({ tokenHash: HASH_B, userId: u.id, createdAt: at(0), expiresAt: at(30) });
      expect(await store.consumeResetToken(HASH_B, at(30))).toBeNull();
      await store.saveResetToken({ tokenHash: HASH_A, userId: u.id, createdAt: at(40), expiresAt: at(70) });
      await store.deleteResetTokensOfUser(u.id);
      expect(await store.consumeResetToken(HASH_A, at(41))).toBeNull();
      expect(await store.consumeResetToken('c'.repeat(64), at(41))).toBeNull();
    });
  });
}
