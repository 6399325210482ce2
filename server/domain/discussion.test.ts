import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/schemas.js';
import type { ArticleRecord } from '../store/store.js';
import { setupSession } from './debate/session.js';
import { castVote, deleteComment, editComment, postComment } from './discussion.js';
import { moderateComment } from './moderation/actions.js';
import { sanctionUser } from './moderation/sanctions.js';
import { codeOf, createMemoryDeps, makeArticle, makeDebate, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let article: ArticleRecord;
let alice: Actor;
let bob: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  alice = await makeUser(t.deps, 'reader', 'Alice');
  bob = await makeUser(t.deps, 'reader', 'Bob');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
});
afterEach(() => t.close());

const post = (actor: Actor | null, body: string, extra: { parentId?: string; positionId?: string } = {}) =>
  postComment(t.deps, actor, { articleId: article.id, body, ...extra });

describe('posting', () => {
  it('commits the comment with the next seq, then publishes it to readers and the desk', async () => {
    const first = await post(alice, 'First!');
    const second = await post(bob, 'Second.');
    expect(first).toMatchObject({ articleId: article.id, seq: 1, kind: 'comment.created' });
    expect(first.comment).toMatchObject({
      authorId: alice.id,
      authorName: 'Alice',
      body: 'First!',
      status: 'visible',
      depth: 0,
      parentId: null,
    });
    expect(first.comment.rootId).toBe(first.comment.id);
    expect(second.seq).toBe(2);
    expect(t.bus.topics()).toEqual(['deskUpdate', 'articleChange', 'deskUpdate', 'articleChange']);
    const [change] = t.bus.of('articleChange');
    expect(change!.change).toMatchObject({ seq: 1, kind: 'comment.created', commentId: first.comment.id });
    expect(change!.comment.body).toBe('First!');
    expect(t.bus.of('deskUpdate')[0]).toMatchObject({ actorName: null, action: null });
    const stored = (await t.deps.store.getArticle(article.id))!;
    expect(stored).toMatchObject({ seq: 2, commentCount: 2 });
  });

  it('refuses guests and unknown articles', async () => {
    expect(await codeOf(post(null, 'hello'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(postComment(t.deps, alice, { articleId: 'missing', body: 'hello' }))).toBe('NOT_FOUND');
    expect(t.bus.events).toEqual([]);
  });

  it('threads replies under their root and counts them on the parent', async () => {
    const root = await post(alice, 'Root');
    const reply = await post(bob, 'Reply', { parentId: root.comment.id });
    const nested = await post(alice, 'Nested', { parentId: reply.comment.id });
    expect(reply.comment).toMatchObject({ parentId: root.comment.id, rootId: root.comment.id, depth: 1 });
    expect(nested.comment).toMatchObject({ parentId: reply.comment.id, rootId: root.comment.id, depth: 2 });
    expect((await t.deps.store.getComment(root.comment.id))?.replyCount).toBe(1);
  });

  it('refuses replies to unknown, foreign, deleted or hidden comments', async () => {
    const elsewhere = await makeArticle(t.deps);
    const foreign = await postComment(t.deps, alice, { articleId: elsewhere.id, body: 'Other article' });
    expect(await codeOf(post(bob, 'x', { parentId: 'missing' }))).toBe('NOT_FOUND');
    expect(await codeOf(post(bob, 'x', { parentId: foreign.comment.id }))).toBe('NOT_FOUND');
    const gone = await post(alice, 'To be deleted');
    await deleteComment(t.deps, alice, { commentId: gone.comment.id });
    expect(await codeOf(post(bob, 'x', { parentId: gone.comment.id }))).toBe('COMMENT_NOT_VISIBLE');
    const removed = await post(alice, 'To be removed');
    await moderateComment(t.deps, moderator, {
      commentId: removed.comment.id,
      action: 'remove',
      reason: 'rude',
      expectedVersion: 0,
    });
    expect(await codeOf(post(bob, 'x', { parentId: removed.comment.id }))).toBe('COMMENT_NOT_VISIBLE');
  });

  it(`refuses a reply deeper than ${LIMITS.depthMax}`, async () => {
    // Build the chain in the store directly: the depth rule is the use case's, not the store's.
    let parent = (await post(alice, 'depth 0')).comment;
    for (let depth = 1; depth <= LIMITS.depthMax; depth++) {
      const { value } = await t.deps.store.createComment({
        articleId: article.id,
        parentId: parent.id,
        authorId: alice.id,
        authorName: alice.name,
        body: `depth ${depth}`,
      });
      parent = value;
    }
    expect(parent.depth).toBe(LIMITS.depthMax);
    expect(await codeOf(post(bob, 'too deep', { parentId: parent.id }))).toBe('THREAD_TOO_DEEP');
    // One level up is still allowed.
    const ok = await post(bob, 'just fits', { parentId: parent.parentId! });
    expect(ok.comment.depth).toBe(LIMITS.depthMax);
  });

  it('accepts a debate position of the article and refuses any other', async () => {
    const host = await makeUser(t.deps, 'reader', 'Host');
    const debate = await makeDebate(t.deps, {
      articleId: article.id,
      host,
      positions: [
        { id: 'yes', name: 'Yes' },
        { id: 'no', name: 'No' },
      ],
    });
    await setupSession(t.deps, host, { debateId: debate.id, template: 'free-form' });
    const argued = await post(alice, 'I say yes', { positionId: 'yes' });
    expect(argued.comment.positionId).toBe('yes');
    expect(await codeOf(post(alice, 'I say maybe', { positionId: 'maybe' }))).toBe('VALIDATION_FAILED');
  });

  it('refuses comments when closed, and ones with banned words', async () => {
    await t.deps.store.updateArticle(article.id, { bannedWords: ['spam'] });
    expect(await codeOf(post(alice, 'Buy my SPAM now'))).toBe('COMMENT_REFUSED');
    await t.deps.store.updateArticle(article.id, { commentsOpen: false });
    expect(await codeOf(post(alice, 'Anyone there?'))).toBe('COMMENTS_CLOSED');
    // Closed for moderators too.
    expect(await codeOf(post(moderator, 'Closing note'))).toBe('COMMENTS_CLOSED');
    expect(t.bus.events).toEqual([]);
  });

  it('holds a suspect comment for a moderator and shows it only to its author', async () => {
    await t.deps.store.updateArticle(article.id, { suspectWords: ['crypto'] });
    const held = await post(alice, 'Great crypto tip');
    expect(held.comment).toMatchObject({ status: 'held', body: 'Great crypto tip' });
    const stored = (await t.deps.store.getComment(held.comment.id))!;
    expect(stored.holdReason).toBe('suspect words: crypto');
    // Readers on the bus get the record; redaction is the transport's job, so the record is complete.
    expect(t.bus.of('deskUpdate')[0]?.comment.status).toBe('held');
  });
});

describe('slow mode and rate limits', () => {
  it('lets a reader post once per slow-mode window, per article; moderators are exempt', async () => {
    await t.deps.store.updateArticle(article.id, { slowModeSeconds: 120 });
    await post(alice, 'one');
    const refusal = post(alice, 'two');
    expect(await codeOf(refusal)).toBe('SLOW_MODE');
    // Another reader, and another article, have their own windows.
    await post(bob, 'bob one');
    const other = await makeArticle(t.deps, { slowModeSeconds: 120 });
    await postComment(t.deps, alice, { articleId: other.id, body: 'elsewhere' });
    await post(moderator, 'mod one');
    await post(moderator, 'mod two');
  });

  it('a refused comment does not start the slow-mode wait', async () => {
    await t.deps.store.updateArticle(article.id, { slowModeSeconds: 120, bannedWords: ['spam'] });
    expect(await codeOf(post(alice, 'spam'))).toBe('COMMENT_REFUSED');
    expect((await post(alice, 'clean')).comment.status).toBe('visible');
  });

  it('refuses a user posting faster than the per-minute limit', async () => {
    const strict = await createMemoryDeps({ limits: { commentsPerMinute: 2 } });
    try {
      const a = await makeArticle(strict.deps);
      const u = await makeUser(strict.deps);
      await postComment(strict.deps, u, { articleId: a.id, body: '1' });
      await postComment(strict.deps, u, { articleId: a.id, body: '2' });
      expect(await codeOf(postComment(strict.deps, u, { articleId: a.id, body: '3' }))).toBe('RATE_LIMITED');
    } finally {
      await strict.close();
    }
  });
});

describe('editing', () => {
  it('lets the author edit within the window, stamped with deps.now', async () => {
    const created = await post(alice, 'Frist');
    // The store stamps createdAt with the wall clock; the test's clock starts from that stamp.
    t.clock.set(created.comment.createdAt);
    const at = t.clock.advanceSeconds(60);
    const edited = await editComment(t.deps, alice, { commentId: created.comment.id, body: 'First' });
    expect(edited).toMatchObject({ kind: 'comment.edited', seq: 2 });
    expect(edited.comment).toMatchObject({ body: 'First', editedAt: at.toISOString() });
    expect(t.bus.of('articleChange').map((m) => m.change.kind)).toEqual(['comment.created', 'comment.edited']);
  });

  it('closes the window once the clock passes it', async () => {
    const created = await post(alice, 'Typo');
    t.clock.set(created.comment.createdAt);
    t.clock.advanceSeconds(t.deps.editWindowSeconds);
    // At the very end of the window the author may still edit ...
    await editComment(t.deps, alice, { commentId: created.comment.id, body: 'Typo fixed' });
    // ... one second later not.
    t.clock.advanceSeconds(1);
    const err = editComment(t.deps, alice, { commentId: created.comment.id, body: 'Fixed' });
    await expect(err).rejects.toMatchObject({ code: 'EDIT_WINDOW_CLOSED', message: /5 minutes/ });
  });

  it('names a short window in seconds', async () => {
    const quick = await createMemoryDeps({ editWindowSeconds: 30 });
    try {
      const a = await makeArticle(quick.deps);
      const u = await makeUser(quick.deps);
      const c = await postComment(quick.deps, u, { articleId: a.id, body: 'Typo' });
      quick.clock.set(c.comment.createdAt);
      quick.clock.advanceSeconds(31);
      await expect(editComment(quick.deps, u, { commentId: c.comment.id, body: 'Fixed' })).rejects.toMatchObject({
        code: 'EDIT_WINDOW_CLOSED',
        message: /30 seconds/,
      });
    } finally {
      await quick.close();
    }
  });

  it('refuses guests, other users, unknown comments, unchanged text and hidden comments', async () => {
    const created = await post(alice, 'Mine');
    const id = created.comment.id;
    expect(await codeOf(editComment(t.deps, null, { commentId: id, body: 'x' }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(editComment(t.deps, bob, { commentId: id, body: 'x' }))).toBe('NOT_AUTHOR');
    expect(await codeOf(editComment(t.deps, alice, { commentId: 'missing', body: 'x' }))).toBe('NOT_FOUND');
    expect(await codeOf(editComment(t.deps, alice, { commentId: id, body: 'Mine' }))).toBe('CONFLICT');
    await moderateComment(t.deps, moderator, { commentId: id, action: 'hold', expectedVersion: 0 });
    expect(await codeOf(editComment(t.deps, alice, { commentId: id, body: 'x' }))).toBe('COMMENT_NOT_VISIBLE');
  });

  it('applies the content rules to the new text', async () => {
    const created = await post(alice, 'Fine text');
    await t.deps.store.updateArticle(article.id, { bannedWords: ['spam'] });
    expect(await codeOf(editComment(t.deps, alice, { commentId: created.comment.id, body: 'now spam' }))).toBe(
      'COMMENT_REFUSED',
    );
  });

  it('sends an edit that brings in a suspect word back to the moderators', async () => {
    const created = await post(alice, 'Fine text');
    await t.deps.store.updateArticle(article.id, { suspectWords: ['casino'] });
    t.bus.clear();
    const result = await editComment(t.deps, alice, { commentId: created.comment.id, body: 'Visit my casino' });
    expect(result).toMatchObject({ kind: 'comment.held', seq: 3 });
    expect(result.comment).toMatchObject({ status: 'held', body: 'Visit my casino' });
    expect(t.bus.topics()).toEqual(['articleChange', 'deskUpdate', 'articleChange']);
    expect(t.bus.of('articleChange').map((m) => m.change.kind)).toEqual(['comment.edited', 'comment.held']);
    // Every message carries the held record, so no transport shows the edited text as visible.
    expect(t.bus.of('articleChange').every((m) => m.comment.status === 'held')).toBe(true);
    const audit = await t.deps.store.listAudit({ commentId: created.comment.id, limit: 10 });
    expect(audit.items[0]).toMatchObject({ action: 'hold', actorId: 'system', reason: 'suspect words: casino' });
  });

  it('refuses a muted author', async () => {
    const created = await post(alice, 'Before the mute');
    await sanctionUser(t.deps, moderator, { userId: alice.id, kind: 'mute', reason: 'cool off', minutes: 10 });
    expect(await codeOf(editComment(t.deps, alice, { commentId: created.comment.id, body: 'After' }))).toBe('MUTED');
  });
});

describe('deleting', () => {
  it('replaces the body with a placeholder and keeps the replies', async () => {
    const root = await post(alice, 'Regrettable');
    const reply = await post(bob, 'Reply stays', { parentId: root.comment.id });
    const deleted = await deleteComment(t.deps, alice, { commentId: root.comment.id });
    expect(deleted).toMatchObject({ kind: 'comment.deleted', seq: 3 });
    expect(deleted.comment).toMatchObject({ status: 'deleted', body: '' });
    expect((await t.deps.store.getComment(root.comment.id))?.body).toBe('');
    expect((await t.deps.store.getComment(reply.comment.id))?.status).toBe('visible');
    expect(t.bus.of('articleChange').at(-1)?.change.kind).toBe('comment.deleted');
  });

  it('refuses guests, other users, and a second delete', async () => {
    const created = await post(alice, 'Mine');
    const id = created.comment.id;
    expect(await codeOf(deleteComment(t.deps, null, { commentId: id }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(deleteComment(t.deps, bob, { commentId: id }))).toBe('NOT_AUTHOR');
    await deleteComment(t.deps, alice, { commentId: id });
    expect(await codeOf(deleteComment(t.deps, alice, { commentId: id }))).toBe('COMMENT_NOT_VISIBLE');
    expect(await codeOf(deleteComment(t.deps, alice, { commentId: 'missing' }))).toBe('NOT_FOUND');
  });
});

describe('voting', () => {
  it('counts one vote per user, changes and retracts it, and publishes only real changes', async () => {
    const c = (await post(alice, 'Vote on me')).comment.id;
    t.bus.clear();
    expect(await castVote(t.deps, bob, { commentId: c, value: 1 })).toEqual({
      commentId: c,
      value: 1,
      tally: { commentId: c, upvotes: 1, downvotes: 0 },
    });
    await castVote(t.deps, moderator, { commentId: c, value: 1 });
    // The same vote again changes nothing and announces nothing.
    expect((await castVote(t.deps, bob, { commentId: c, value: 1 })).tally).toMatchObject({ upvotes: 2 });
    expect(t.bus.of('voteChanged')).toHaveLength(2);
    expect((await castVote(t.deps, bob, { commentId: c, value: -1 })).tally).toMatchObject({
      upvotes: 1,
      downvotes: 1,
    });
    expect((await castVote(t.deps, bob, { commentId: c, value: 0 })).tally).toMatchObject({
      upvotes: 1,
      downvotes: 0,
    });
    expect(t.bus.of('voteChanged')).toEqual(Array(4).fill({ articleId: article.id, commentId: c }));
  });

  it('refuses a vote on your own comment, by a guest, or on an unknown comment', async () => {
    const c = (await post(alice, 'Mine')).comment.id;
    expect(await codeOf(castVote(t.deps, alice, { commentId: c, value: 1 }))).toBe('OWN_COMMENT_VOTE');
    expect(await codeOf(castVote(t.deps, null, { commentId: c, value: 1 }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(castVote(t.deps, bob, { commentId: 'missing', value: 1 }))).toBe('NOT_FOUND');
    expect(t.bus.of('voteChanged')).toEqual([]);
  });

  it('refuses new votes on a hidden comment but lets a vote be taken back', async () => {
    const c = (await post(alice, 'Soon removed')).comment.id;
    await castVote(t.deps, bob, { commentId: c, value: 1 });
    await moderateComment(t.deps, moderator, {
      commentId: c,
      action: 'remove',
      reason: 'off topic',
      expectedVersion: 0,
    });
    expect(await codeOf(castVote(t.deps, bob, { commentId: c, value: -1 }))).toBe('COMMENT_NOT_VISIBLE');
    expect((await castVote(t.deps, bob, { commentId: c, value: 0 })).value).toBe(0);
  });

  it('lets a muted user take a vote back but not cast one', async () => {
    const c = (await post(alice, 'Popular')).comment.id;
    await castVote(t.deps, bob, { commentId: c, value: 1 });
    await sanctionUser(t.deps, moderator, { userId: bob.id, kind: 'mute', reason: 'spam votes', minutes: 5 });
    expect(await codeOf(castVote(t.deps, bob, { commentId: c, value: -1 }))).toBe('MUTED');
    expect((await castVote(t.deps, bob, { commentId: c, value: 0 })).tally.upvotes).toBe(0);
  });

  it('refuses votes faster than the per-minute limit', async () => {
    const strict = await createMemoryDeps({ limits: { votesPerMinute: 1 } });
    try {
      const a = await makeArticle(strict.deps);
      const author = await makeUser(strict.deps);
      const voter = await makeUser(strict.deps);
      const c = await postComment(strict.deps, author, { articleId: a.id, body: 'x' });
      await castVote(strict.deps, voter, { commentId: c.comment.id, value: 1 });
      expect(await codeOf(castVote(strict.deps, voter, { commentId: c.comment.id, value: 0 }))).toBe('RATE_LIMITED');
    } finally {
      await strict.close();
    }
  });
});
