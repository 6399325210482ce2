import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MOD_ACTIONS, type VoteValue } from '../../shared/types.js';
import type { CommentSort } from '../../shared/ranking.js';
import type { ArticleRecord } from '../store/store.js';
import { castVote, deleteComment, editComment, postComment } from './discussion.js';
import { moderateComment } from './moderation/actions.js';
import { createSnapshotCache, MAX_CACHED_PAGES, type SnapshotCache } from './snapshot-cache.js';
import { createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import { findArticle, readThreadPage } from './thread.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let cache: SnapshotCache;
let article: ArticleRecord;
let alice: Actor;
let bob: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  cache = createSnapshotCache(t.deps);
  article = await makeArticle(t.deps, { slug: 'cached-article', slowModeSeconds: 0 });
  alice = await makeUser(t.deps, 'reader', 'Alice');
  bob = await makeUser(t.deps, 'reader', 'Bob');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
});
afterEach(async () => {
  cache.close();
  await t.close();
});

const post = async (actor: Actor, body: string, parentId: string | null = null) =>
  (await postComment(t.deps, actor, { articleId: article.id, body, parentId, positionId: null })).comment.id;

/** The first page from the cache, the article read first as article:join does. */
async function cached(viewer: Actor | null, sort: CommentSort = 'best') {
  return cache.firstPage(viewer, await findArticle(t.deps, article.id), sort);
}

const uncached = (viewer: Actor | null, sort: CommentSort = 'best') =>
  readThreadPage(t.deps, viewer, { articleId: article.id, sort });

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('snapshot cache', () => {
  it('gives every viewer what a read from the store gives, through posts, edits, deletions, votes and moderation', async () => {
    const next = random(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const authors = [alice, bob];
    const ids: Array<{ id: string; author: Actor }> = [];
    for (let step = 0; step < 80; step++) {
      const roll = next();
      const author = pick(authors);
      if (ids.length < 3 || roll < 0.3) {
        const parent = ids.length > 0 && next() < 0.4 ? pick(ids).id : null;
        // A reply to a hidden or deleted comment is refused: then nothing happened.
        const id = await post(author, `comment ${step}`, parent).catch(() => null);
        if (id) ids.push({ id, author });
      } else if (roll < 0.5) {
        const target = pick(ids);
        const voter = target.author === alice ? bob : alice;
        await castVote(t.deps, voter, { commentId: target.id, value: pick([1, -1, 0] as VoteValue[]) }).catch(
          () => undefined, // not on a hidden or deleted comment
        );
      } else if (roll < 0.8) {
        const target = pick(ids);
        const current = (await t.deps.store.getComment(target.id))!;
        await moderateComment(t.deps, moderator, {
          commentId: target.id,
          action: pick(MOD_ACTIONS),
          reason: 'test',
          expectedVersion: current.modVersion,
        }).catch(() => undefined); // an action that does not apply to the comment as it is
      } else if (roll < 0.9) {
        const target = pick(ids);
        await editComment(t.deps, target.author, { commentId: target.id, body: `edited at ${step}` }).catch(
          () => undefined,
        );
      } else {
        const target = pick(ids);
        await deleteComment(t.deps, target.author, { commentId: target.id }).catch(() => undefined);
      }
      for (const sort of ['best', 'new', 'top'] as const) {
        // A guest first, so the others are served from what the guest's read kept.
        for (const viewer of [null, alice, bob, moderator]) {
          expect(await cached(viewer, sort), `step ${step}, ${sort}, ${viewer?.name ?? 'guest'}`).toEqual(
            await uncached(viewer, sort),
          );
        }
      }
    }
  });

  it('reads a page once for a crowd, and again after a change or a vote', async () => {
    const root = await post(alice, 'root');
    const reads = vi.spyOn(t.deps.store, 'listComments');
    for (let i = 0; i < 10; i++) await cached(i % 2 ? null : bob);
    expect(reads).toHaveBeenCalledTimes(1);

    await post(bob, 'a reply', root);
    await cached(null);
    await cached(null);
    expect(reads).toHaveBeenCalledTimes(2);

    await castVote(t.deps, bob, { commentId: root, value: 1 });
    expect((await cached(null)).comments[0]!.upvotes).toBe(1);
    await cached(null);
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('never shows a held or removed body to a guest or another reader, and shows their own to the author', async () => {
    const kept = await post(alice, 'stays');
    const removed = await post(alice, 'the removed words');
    await cached(null); // fills the cache before the removal
    await moderateComment(t.deps, moderator, {
      commentId: removed,
      action: 'remove',
      reason: 'x',
      expectedVersion: 0,
    });
    const bodies = (page: { comments: Array<{ id: string; body: string }> }) =>
      Object.fromEntries(page.comments.map((c) => [c.id, c.body]));
    expect(bodies(await cached(null))).toEqual({ [kept]: 'stays', [removed]: '' });
    expect(bodies(await cached(bob))).toEqual({ [kept]: 'stays', [removed]: '' });
    expect(bodies(await cached(alice))).toEqual({ [kept]: 'stays', [removed]: 'the removed words' });
    expect(bodies(await cached(moderator))).toEqual({ [kept]: 'stays', [removed]: 'the removed words' });
    // And the guests' page was not changed by serving the author.
    expect(bodies(await cached(null))).toEqual({ [kept]: 'stays', [removed]: '' });
  });

  it('does not keep a page read while a vote came in', async () => {
    const root = await post(alice, 'root');
    const listComments = t.deps.store.listComments.bind(t.deps.store);
    const reads = vi.spyOn(t.deps.store, 'listComments').mockImplementationOnce(async (query) => {
      const page = await listComments(query);
      await castVote(t.deps, bob, { commentId: root, value: 1 }); // lands after the page was read
      return page;
    });
    expect((await cached(null)).comments[0]!.upvotes).toBe(0);
    expect((await cached(null)).comments[0]!.upvotes).toBe(1);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('keeps at most MAX_CACHED_PAGES pages, dropping the least recently used', async () => {
    await post(alice, 'root');
    const current = await findArticle(t.deps, article.id);
    for (let i = 0; i <= MAX_CACHED_PAGES + 5; i++) await cache.firstPage(null, current, 'best', `position-${i}`);
    expect(cache.size()).toBe(MAX_CACHED_PAGES);
    const reads = vi.spyOn(t.deps.store, 'listComments');
    await cache.firstPage(null, current, 'best', `position-${MAX_CACHED_PAGES + 5}`); // the newest: kept
    expect(reads).toHaveBeenCalledTimes(0);
    await cache.firstPage(null, current, 'best', 'position-0'); // the oldest: dropped
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
