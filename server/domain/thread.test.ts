import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../store/store.js';
import { setupSession } from './debate/session.js';
import { castVote, editComment, postComment } from './discussion.js';
import { moderateComment } from './moderation/actions.js';
import { codeOf, createMemoryDeps, makeArticle, makeDebate, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import {
  findArticle,
  findArticleBySlug,
  readSnapshot,
  readThreadPage,
  SNAPSHOT_PAGE,
  SYNC_MAX_CHANGES,
  syncArticle,
} from './thread.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let article: ArticleRecord;
let alice: Actor;
let bob: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps, { slug: 'thread-article', slowModeSeconds: 0 });
  alice = await makeUser(t.deps, 'reader', 'Alice');
  bob = await makeUser(t.deps, 'reader', 'Bob');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
});
afterEach(() => t.close());

const post = (actor: Actor, body: string, parentId?: string, positionId?: string) =>
  postComment(t.deps, actor, {
    articleId: article.id,
    body,
    parentId: parentId ?? null,
    positionId: positionId ?? null,
  });

describe('finding articles', () => {
  it('finds by id and slug, NOT_FOUND otherwise', async () => {
    expect((await findArticle(t.deps, article.id)).slug).toBe('thread-article');
    expect((await findArticleBySlug(t.deps, 'thread-article')).id).toBe(article.id);
    expect(await codeOf(findArticle(t.deps, 'missing'))).toBe('NOT_FOUND');
    expect(await codeOf(findArticleBySlug(t.deps, 'missing'))).toBe('NOT_FOUND');
  });
});

describe('snapshot', () => {
  it('holds the seq, the first page with replies, the viewer’s votes and the settings', async () => {
    const root = await post(alice, 'root');
    const reply = await post(bob, 'reply', root.comment.id);
    await castVote(t.deps, bob, { commentId: root.comment.id, value: 1 });
    await t.deps.store.updateArticle(article.id, { slowModeSeconds: 30 });
    const snapshot = await readSnapshot(t.deps, bob, article.id, 'best', 7);
    expect(snapshot).toMatchObject({
      articleId: article.id,
      seq: 2,
      sort: 'best',
      readers: 7,
      totalComments: 2,
      slowModeSeconds: 30,
      commentsOpen: true,
      next: null,
      myVotes: { [root.comment.id]: 1 },
    });
    expect(snapshot.comments.map((c) => c.id)).toEqual([root.comment.id]);
    expect(snapshot.replies.map((c) => c.id)).toEqual([reply.comment.id]);
    // A guest has no votes.
    expect((await readSnapshot(t.deps, null, article.id, 'new', 0)).myVotes).toEqual({});
  });

  it(`pages top-level comments ${SNAPSHOT_PAGE} at a time`, async () => {
    for (let i = 0; i < SNAPSHOT_PAGE + 2; i++) await post(alice, `c${i}`);
    const first = await readThreadPage(t.deps, null, { articleId: article.id, sort: 'old' });
    expect(first.comments).toHaveLength(SNAPSHOT_PAGE);
    const rest = await readThreadPage(t.deps, null, { articleId: article.id, sort: 'old', after: first.next! });
    expect(rest.comments.map((c) => c.body)).toEqual([`c${SNAPSHOT_PAGE}`, `c${SNAPSHOT_PAGE + 1}`]);
  });

  it('reads the replies of one comment, oldest first, without nested extras', async () => {
    const root = await post(alice, 'root');
    const r1 = await post(bob, 'r1', root.comment.id);
    await post(alice, 'r1a', r1.comment.id);
    await post(bob, 'r2', root.comment.id);
    const page = await readThreadPage(t.deps, alice, { articleId: article.id, parentId: root.comment.id });
    expect(page.comments.map((c) => c.body)).toEqual(['r1', 'r2']);
    expect(page.replies).toEqual([]);
  });

  it('filters top-level comments by debate position', async () => {
    const debate = await makeDebate(t.deps, {
      articleId: article.id,
      host: moderator,
      positions: [
        { id: 'for', name: 'For' },
        { id: 'against', name: 'Against' },
      ],
    });
    await setupSession(t.deps, moderator, { debateId: debate.id, template: 'oxford' });
    await post(alice, 'pro', undefined, 'for');
    await post(bob, 'contra', undefined, 'against');
    const snapshot = await readSnapshot(t.deps, null, article.id, 'new', 0, 'for');
    expect(snapshot.comments.map((c) => c.body)).toEqual(['pro']);
  });

  it('never sends a removed body to a reader', async () => {
    const c = await post(alice, 'secret words');
    await moderateComment(t.deps, moderator, {
      commentId: c.comment.id,
      action: 'remove',
      reason: 'x',
      expectedVersion: 0,
    });
    const forBob = await readSnapshot(t.deps, bob, article.id, 'new', 0);
    expect(JSON.stringify(forBob)).not.toContain('secret words');
    const forMod = await readSnapshot(t.deps, moderator, article.id, 'new', 0);
    expect(forMod.comments[0]?.body).toBe('secret words');
  });

  it('answers NOT_FOUND for an unknown article', async () => {
    expect(await codeOf(readSnapshot(t.deps, null, 'missing', 'best', 0))).toBe('NOT_FOUND');
  });
});

describe('sync', () => {
  it('replays the changes after a seq with each comment’s current state', async () => {
    const first = await post(alice, 'first');
    const second = await post(bob, 'second');
    await editComment(t.deps, alice, { commentId: first.comment.id, body: 'first, edited' });
    const sync = await syncArticle(t.deps, bob, { articleId: article.id, sinceSeq: 1, sort: 'best', readers: 1 });
    expect(sync.kind).toBe('changes');
    if (sync.kind !== 'changes') return;
    expect(sync.seq).toBe(3);
    expect(sync.changes.map((c) => [c.seq, c.kind, c.comment.id])).toEqual([
      [2, 'comment.created', second.comment.id],
      [3, 'comment.edited', first.comment.id],
    ]);
    expect(sync.changes[1]?.comment.body).toBe('first, edited');
  });

  it('answers an up-to-date client with no changes and its own seq', async () => {
    await post(alice, 'only');
    const sync = await syncArticle(t.deps, null, { articleId: article.id, sinceSeq: 1, sort: 'best', readers: 0 });
    expect(sync).toEqual({ kind: 'changes', changes: [], seq: 1 });
  });

  it('redacts a replayed change of a comment removed since', async () => {
    const c = await post(alice, 'later removed');
    await moderateComment(t.deps, moderator, {
      commentId: c.comment.id,
      action: 'remove',
      reason: 'x',
      expectedVersion: 0,
    });
    const sync = await syncArticle(t.deps, bob, { articleId: article.id, sinceSeq: 0, sort: 'best', readers: 0 });
    expect(JSON.stringify(sync)).not.toContain('later removed');
  });

  it('refuses a seq ahead of the article', async () => {
    expect(
      await codeOf(syncArticle(t.deps, null, { articleId: article.id, sinceSeq: 5, sort: 'best', readers: 0 })),
    ).toBe('VALIDATION_FAILED');
  });

  it(`sends a fresh snapshot when more than ${SYNC_MAX_CHANGES} changes are missing`, async () => {
    for (let i = 0; i <= SYNC_MAX_CHANGES; i++)
      await t.deps.store.createComment({
        articleId: article.id,
        parentId: null,
        authorId: alice.id,
        authorName: alice.name,
        body: `bulk ${i}`,
      });
    const sync = await syncArticle(t.deps, alice, { articleId: article.id, sinceSeq: 0, sort: 'new', readers: 2 });
    expect(sync.kind).toBe('snapshot');
    if (sync.kind !== 'snapshot') return;
    expect(sync.snapshot).toMatchObject({ seq: SYNC_MAX_CHANGES + 1, readers: 2, sort: 'new' });
    expect(sync.snapshot.comments).toHaveLength(SNAPSHOT_PAGE);
  });
});
