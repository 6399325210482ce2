/** The moderation part of the store contract, run against every adapter like contract.ts. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreHarness } from './contract.js';
import { StoreConflictError, type Store } from './store.js';

export function describeModerationContract(name: string, harness: StoreHarness): void {
  describe(`store contract, moderation: ${name}`, () => {
    let store: Store;
    afterEach(async () => {
      if (store) await harness.destroy(store);
    });

    async function setup() {
      store = await harness.open();
      const article = await store.createArticle({
        slug: 'mod',
        title: 'Mod',
        body: 'x',
        motion: null,
        positions: [],
        publishedAt: null,
        createdBy: null,
      });
      const mk = (name: string) =>
        store.createUser({
          name,
          nameKey: name,
          passwordHash: null,
          role: 'reader',
          email: null,
          ssoProvider: null,
          ssoSubject: null,
        });
      const author = await mk('author');
      const reader = await mk('reader');
      const post = async (body: string, status: 'visible' | 'held' = 'visible') =>
        (
          await store.createComment({
            articleId: article.id,
            parentId: null,
            authorId: author.id,
            authorName: 'author',
            body,
            status,
            holdReason: status === 'held' ? 'pre-moderation' : null,
          })
        ).value;
      return { article, author, reader, post };
    }

    it('stores article settings and held comments', async () => {
      const { article, post } = await setup();
      expect(article).toMatchObject({
        premod: 'off',
        commentsOpen: true,
        bannedWords: [],
        suspectWords: [],
        reportThreshold: 3,
      });
      const updated = await store.updateArticle(article.id, {
        premod: 'links',
        commentsOpen: false,
        bannedWords: ['a b'],
        suspectWords: ['c'],
        reportThreshold: 5,
      });
      expect(updated).toMatchObject({
        premod: 'links',
        commentsOpen: false,
        bannedWords: ['a b'],
        suspectWords: ['c'],
        reportThreshold: 5,
      });
      const held = await post('wait', 'held');
      expect(held).toMatchObject({
        status: 'held',
        holdReason: 'pre-moderation',
        modVersion: 0,
        featured: false,
        approved: false,
        reportCount: 0,
      });
    });

    it('applies an action with its seq and audit entry, and lets exactly one of two concurrent actions win', async () => {
      const { article, author, post } = await setup();
      const c = await post('remove me');
      const audit = {
        targetUserId: author.id,
        actorId: 'm1',
        actorName: 'Mod One',
        action: 'remove' as const,
        reason: 'abuse',
      };
      const attempts = await Promise.allSettled([
        store.moderateComment({
          commentId: c.id,
          expectedVersion: 0,
          kind: 'comment.removed',
          patch: { status: 'removed', removedReason: 'abuse' },
          audit,
        }),
        store.moderateComment({
          commentId: c.id,
          expectedVersion: 0,
          kind: 'comment.featured',
          patch: { featured: true },
          audit: { ...audit, actorId: 'm2', action: 'feature' },
        }),
      ]);
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a) => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreConflictError);
      const result = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<Store['moderateComment']>>>).value!;
      expect(result.committed.value.modVersion).toBe(1);
      expect(result.committed.change.seq).toBe(2);
      const log = await store.changesSince(article.id, 1, 10);
      expect(log).toHaveLength(1);
      const entries = await store.listAudit({ commentId: c.id, limit: 10 });
      expect(entries.items).toHaveLength(1);
      expect(entries.items[0]).toMatchObject({
        articleId: article.id,
        commentId: c.id,
        before: { status: 'visible', featured: false, approved: false },
      });
      expect(
        await store.moderateComment({
          commentId: 'missing',
          expectedVersion: 0,
          kind: 'comment.held',
          patch: {},
          audit,
        }),
      ).toBeNull();
    });

    it('counts one report per user and lists the queues', async () => {
      const { article, reader, post } = await setup();
      const reported = await post('reported');
      const held = await post('held', 'held');
      const featured = await post('featured');
      await post('plain');
      expect(
        await store.addReport({
          commentId: reported.id,
          userId: reader.id,
          reason: 'spam',
          note: null,
          at: new Date().toISOString(),
        }),
      ).toBe(1);
      await expect(
        store.addReport({
          commentId: reported.id,
          userId: reader.id,
          reason: 'abuse',
          note: 'again',
          at: new Date().toISOString(),
        }),
      ).rejects.toMatchObject({
        field: 'report',
      });
      expect(await store.listReports(reported.id)).toMatchObject([{ userId: reader.id, reason: 'spam' }]);
      await store.moderateComment({
        commentId: featured.id,
        expectedVersion: 0,
        kind: 'comment.featured',
        patch: { featured: true },
        audit: { targetUserId: null, actorId: 'm', actorName: 'M', action: 'feature', reason: null },
      });
      const ids = async (queue: 'pending' | 'reported' | 'new' | 'removed' | 'featured') =>
        (await store.listQueue({ queue, articleId: article.id, limit: 10 })).items.map((c) => c.id);
      expect(await ids('pending')).toEqual([held.id]);
      expect(await ids('reported')).toEqual([reported.id]);
      expect(await ids('featured')).toEqual([featured.id]);
      expect(await ids('removed')).toEqual([]);
      expect(await ids('new')).toHaveLength(4);
      const first = await store.listQueue({ queue: 'new', articleId: null, limit: 3 });
      const second = await store.listQueue({ queue: 'new', articleId: null, limit: 3, after: first.next! });
      expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(4);
      expect(second.next).toBeNull();
    });

    it('keeps author history, standing and sanctions', async () => {
      const { author, post } = await setup();
      await post('one');
      await post('two', 'held');
      expect(await store.authorStanding(author.id)).toEqual({ total: 2, visible: 1, held: 1, removed: 0, deleted: 0 });
      expect(await store.countApprovedComments(author.id)).toBe(1);
      expect((await store.listCommentsByAuthor(author.id, { limit: 1 })).next).not.toBeNull();
      const now = new Date().toISOString();
      const warn = await store.createSanction({
        userId: author.id,
        kind: 'warn',
        reason: 'tone',
        until: null,
        actorId: 'm',
        createdAt: now,
      });
      const mute = await store.createSanction({
        userId: author.id,
        kind: 'mute',
        reason: 'spam',
        until: new Date(Date.now() + 60_000).toISOString(),
        actorId: 'm',
        createdAt: now,
      });
      expect((await store.listSanctions(author.id)).map((s) => s.id).sort()).toEqual([warn.id, mute.id].sort());
      expect(await store.acknowledgeSanction(mute.id, author.id, now)).toBeNull();
      expect(await store.acknowledgeSanction(warn.id, 'someone-else', now)).toBeNull();
      expect((await store.acknowledgeSanction(warn.id, author.id, now))?.acknowledgedAt).toBe(now);
      expect((await store.getSanction(mute.id))?.kind).toBe('mute');
      expect(await store.getSanction('missing')).toBeNull();
      expect((await store.liftSanction(mute.id, now))?.liftedAt).toBe(now);
      expect(await store.liftSanction(mute.id, now)).toBeNull();
      const entry = await store.appendAudit({
        articleId: null,
        commentId: null,
        targetUserId: author.id,
        actorId: 'm',
        actorName: 'M',
        action: 'sanction.mute',
        reason: 'spam',
        before: null,
        after: { until: 'x' },
        at: now,
      });
      expect((await store.listAudit({ targetUserId: author.id, limit: 5 })).items).toEqual([entry]);
    });
  });
}
