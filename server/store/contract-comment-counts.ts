/** The visible comment counts part of the store contract (issue 14), run against every adapter. */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreHarness } from './contract.js';
import type { Store } from './store.js';

export function describeCommentCountContract(name: string, harness: StoreHarness): void {
  describe(`store contract, visible comment counts: ${name}`, () => {
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

    it('counts the comments a reader can see: replies count, held, removed and deleted ones do not', async () => {
      store = await harness.open();
      const author = await store.createUser({
        name: 'author',
        nameKey: 'author',
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      const busy = await newArticle('busy');
      const quiet = await newArticle('quiet');
      const post = async (articleId: string, parentId: string | null = null, status: 'visible' | 'held' = 'visible') =>
        (
          await store.createComment({
            articleId,
            parentId,
            authorId: author.id,
            authorName: 'author',
            body: 'words',
            status,
            holdReason: status === 'held' ? 'pre-moderation' : null,
          })
        ).value;

      expect(await store.countVisibleComments([])).toEqual(new Map());
      expect(await store.countVisibleComments([busy.id, quiet.id])).toEqual(
        new Map([
          [busy.id, 0],
          [quiet.id, 0],
        ]),
      );

      const top = await post(busy.id);
      await post(busy.id, top.id);
      const removed = await post(busy.id);
      const deleted = await post(busy.id);
      await post(busy.id, null, 'held');
      await post(quiet.id);
      expect(await store.countVisibleComments([busy.id, quiet.id])).toEqual(
        new Map([
          [busy.id, 4],
          [quiet.id, 1],
        ]),
      );

      await store.moderateComment({
        commentId: removed.id,
        expectedVersion: 0,
        kind: 'comment.removed',
        patch: { status: 'removed', removedReason: 'abuse' },
        audit: { targetUserId: author.id, actorId: 'm1', actorName: 'Mod', action: 'remove', reason: 'abuse' },
      });
      await store.deleteComment(deleted.id);
      const counts = await store.countVisibleComments([busy.id, 'no-such-article', quiet.id]);
      expect(counts).toEqual(
        new Map([
          [busy.id, 2],
          ['no-such-article', 0],
          [quiet.id, 1],
        ]),
      );
      // The stored total still counts every comment ever posted; the visible count is what readers see.
      expect((await store.getArticle(busy.id))?.commentCount).toBe(5);

      // Restored, it counts again.
      await store.moderateComment({
        commentId: removed.id,
        expectedVersion: 1,
        kind: 'comment.restored',
        patch: { status: 'visible', removedReason: null },
        audit: { targetUserId: author.id, actorId: 'm1', actorName: 'Mod', action: 'restore', reason: null },
      });
      expect((await store.countVisibleComments([busy.id])).get(busy.id)).toBe(3);
    });
  });
}
