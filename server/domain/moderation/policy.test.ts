import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { moderateComment } from './actions.js';
import { admitComment } from './policy.js';

let t: MemoryDeps;
let reader: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  reader = await makeUser(t.deps, 'reader');
  moderator = await makeUser(t.deps, 'moderator');
});
afterEach(() => t.close());

const admit = (article: ArticleRecord, author: Actor, body: string) => admitComment(t.deps, article, author, body);

describe('admission of a new comment', () => {
  it('shows a comment at once with pre-moderation off', async () => {
    const article = await makeArticle(t.deps);
    expect(await admit(article, reader, 'see https://example.com')).toEqual({ status: 'visible', holdReason: null });
  });

  it('refuses outright when comments are closed or a banned word appears, for everyone', async () => {
    const closed = await makeArticle(t.deps, { commentsOpen: false });
    expect(await codeOf(admit(closed, moderator, 'x'))).toBe('COMMENTS_CLOSED');
    const banned = await makeArticle(t.deps, { bannedWords: ['scam'] });
    expect(await codeOf(admit(banned, moderator, 'a SCAM'))).toBe('COMMENT_REFUSED');
    // The refusal does not name the word.
    const refusal = await admit(banned, reader, 'a scam').catch((err: Error) => err);
    expect(refusal).toMatchObject({ code: 'COMMENT_REFUSED' });
    expect((refusal as Error).message).not.toMatch(/scam/i);
  });

  it('holds every reader comment under "all", never a moderator’s', async () => {
    const article = await makeArticle(t.deps, { premod: 'all' });
    expect(await admit(article, reader, 'hello')).toEqual({ status: 'held', holdReason: 'pre-moderation' });
    expect(await admit(article, moderator, 'hello')).toEqual({ status: 'visible', holdReason: null });
  });

  it('holds suspect words before any pre-moderation mode', async () => {
    const article = await makeArticle(t.deps, { premod: 'all', suspectWords: ['bet', 'odds'] });
    expect(await admit(article, reader, 'Great ODDS, place a bet')).toEqual({
      status: 'held',
      holdReason: 'suspect words: bet, odds',
    });
  });

  it('holds links under "links"', async () => {
    const article = await makeArticle(t.deps, { premod: 'links' });
    expect(await admit(article, reader, 'read www.example.org')).toEqual({
      status: 'held',
      holdReason: 'contains a link',
    });
    expect((await admit(article, reader, 'no link here')).status).toBe('visible');
  });

  it('holds the first comments of a new user under "new-users" until one is approved', async () => {
    const article = await makeArticle(t.deps, { premod: 'new-users' });
    const first = await postComment(t.deps, reader, { articleId: article.id, body: 'my first words' });
    expect(first.comment.status).toBe('held');
    expect((await t.deps.store.getComment(first.comment.id))?.holdReason).toBe('first comment of a new user');
    // Still new while nothing was approved.
    expect((await postComment(t.deps, reader, { articleId: article.id, body: 'again' })).comment.status).toBe('held');
    await moderateComment(t.deps, moderator, { commentId: first.comment.id, action: 'approve', expectedVersion: 0 });
    expect((await postComment(t.deps, reader, { articleId: article.id, body: 'now trusted' })).comment.status).toBe(
      'visible',
    );
  });

  it('puts held comments in the pending queue', async () => {
    const article = await makeArticle(t.deps, { premod: 'all' });
    const held = await postComment(t.deps, reader, { articleId: article.id, body: 'wait for me' });
    const queue = await t.deps.store.listQueue({ queue: 'pending', articleId: article.id, limit: 10 });
    expect(queue.items.map((c) => c.id)).toEqual([held.comment.id]);
  });
});
