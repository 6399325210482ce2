/**
 * The profiles and moderator-context part of the store contract (issue 15), run against every
 * adapter: debates by roster, a comment's staff badge, the audit log by actor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreHarness } from './contract.js';
import type { Store } from './store.js';

export function describeProfileContract(name: string, harness: StoreHarness): void {
  describe(`store contract, profiles: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    const newArticle = (slug: string) =>
      store.createArticle({
        slug,
        title: slug,
        body: 'x',
        motion: null,
        positions: [],
        publishedAt: null,
        createdBy: null,
      });

    it('lists the debates whose roster names a user, as host or debater, newest first', async () => {
      store = await harness.open();
      const a = await newArticle('a');
      const first = await store.createDebate({
        articleId: a.id,
        hostId: 'host-1',
        motion: 'First',
        positions: [
          { id: 'yes', name: 'Yes', debaterIds: ['amina', 'omar'] },
          { id: 'no', name: 'No', debaterIds: ['lena'] },
        ],
      });
      // Creation times must differ for a stable newest-first order.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await store.createDebate({
        articleId: a.id,
        hostId: 'amina',
        motion: 'Second',
        positions: [{ id: 'p', name: 'P', debaterIds: ['lena'] }],
      });
      expect(await store.listDebateIdsOfUser('amina', 10)).toEqual([second.id, first.id]);
      expect(await store.listDebateIdsOfUser('lena', 10)).toEqual([second.id, first.id]);
      expect(await store.listDebateIdsOfUser('lena', 1)).toEqual([second.id]);
      expect(await store.listDebateIdsOfUser('host-1', 10)).toEqual([first.id]);
      expect(await store.listDebateIdsOfUser('nobody', 10)).toEqual([]);
      expect(await store.listDebateIdsOfUser('amina', 0)).toEqual([]);
      // A name that only contains another's id is not that user.
      expect(await store.listDebateIdsOfUser('om', 10)).toEqual([]);
      await store.updateDebateRoster(first.id, { positions: [{ id: 'yes', name: 'Yes', debaterIds: [] }] });
      expect(await store.listDebateIdsOfUser('omar', 10)).toEqual([]);
    });

    it('keeps a comment’s staff badge, and none for other comments, across reopen', async () => {
      store = await harness.open();
      const a = await newArticle('badges');
      const u = await store.createUser({
        name: 'U',
        nameKey: 'u',
        passwordHash: null,
        role: 'moderator',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      const base = { articleId: a.id, parentId: null, authorId: u.id, authorName: 'U', body: 'b' };
      const staff = (await store.createComment({ ...base, authorBadge: 'moderator' })).value;
      const plain = (await store.createComment({ ...base, authorBadge: null })).value;
      const unset = (await store.createComment(base)).value;
      expect(staff.authorBadge).toBe('moderator');
      expect('authorBadge' in plain).toBe(false);
      store = await harness.reopen(store);
      expect((await store.getComment(staff.id))?.authorBadge).toBe('moderator');
      expect((await store.getComment(unset.id))?.authorBadge).toBeUndefined();
      expect((await store.getComment(plain.id))?.authorBadge).toBeUndefined();
    });

    it('records the comment’s modVersion before and after a moderation action (undo’s key)', async () => {
      store = await harness.open();
      const a = await newArticle('versions');
      const u = await store.createUser({
        name: 'V',
        nameKey: 'v',
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      const c = (
        await store.createComment({ articleId: a.id, parentId: null, authorId: u.id, authorName: 'V', body: 'b' })
      ).value;
      const done = await store.moderateComment({
        commentId: c.id,
        expectedVersion: 0,
        kind: 'comment.featured',
        patch: { featured: true },
        audit: { targetUserId: u.id, actorId: 'm', actorName: 'M', action: 'feature', reason: null },
      });
      expect(done?.audit.before).toMatchObject({ featured: false, modVersion: 0 });
      expect(done?.audit.after).toMatchObject({ featured: true, modVersion: 1 });
    });

    it('filters the audit log by actor, newest first', async () => {
      store = await harness.open();
      const entry = (actorId: string, at: string) => ({
        articleId: null,
        commentId: null,
        targetUserId: 'u',
        actorId,
        actorName: actorId,
        action: 'sanction.warn' as const,
        reason: 'r',
        before: null,
        after: { sanctionId: 's' },
        at,
      });
      const a1 = await store.appendAudit(entry('m1', '2026-12-06T01:00:00.000Z'));
      await store.appendAudit(entry('m2', '2026-12-06T02:00:00.000Z'));
      const a3 = await store.appendAudit(entry('m1', '2026-12-06T03:00:00.000Z'));
      const page = await store.listAudit({ actorId: 'm1', limit: 10 });
      expect(page.items.map((e) => e.id)).toEqual([a3.id, a1.id]);
      expect(page.items[0]?.after).toEqual({ sanctionId: 's' });
    });
  });
}
