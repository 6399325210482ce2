import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { moderateComment } from './actions.js';
import { readAudit, readCommentContext, readQueue, readUserHistory } from './desk.js';
import { reportComment } from './reports.js';
import { sanctionUser } from './sanctions.js';

let t: MemoryDeps;
let article: ArticleRecord;
let author: Actor;
let reporter: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps, { slug: 'desk-article' });
  author = await makeUser(t.deps, 'reader', 'Author');
  reporter = await makeUser(t.deps, 'reader', 'Reporter');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
});
afterEach(() => t.close());

const post = (body: string, parentId?: string) =>
  postComment(t.deps, author, { articleId: article.id, body, parentId: parentId ?? null });

describe('queues', () => {
  it('lists each queue with the article of every comment, moderators only', async () => {
    const reported = await post('reported one');
    const removed = await post('removed one');
    const featured = await post('featured one');
    await reportComment(t.deps, reporter, { commentId: reported.comment.id, reason: 'spam' });
    await moderateComment(t.deps, moderator, {
      commentId: removed.comment.id,
      action: 'remove',
      reason: 'x',
      expectedVersion: 0,
    });
    await moderateComment(t.deps, moderator, { commentId: featured.comment.id, action: 'feature', expectedVersion: 0 });
    const other = await makeArticle(t.deps, { premod: 'all' });
    const held = await postComment(t.deps, author, { articleId: other.id, body: 'held one' });

    const ids = async (queue: 'pending' | 'reported' | 'new' | 'removed' | 'featured', articleId?: string) =>
      (await readQueue(t.deps, moderator, { queue, articleId })).items.map((i) => i.comment.id);
    expect(await ids('reported')).toEqual([reported.comment.id]);
    expect(await ids('removed')).toEqual([removed.comment.id]);
    expect(await ids('featured')).toEqual([featured.comment.id]);
    expect(await ids('pending')).toEqual([held.comment.id]);
    expect(await ids('pending', article.id)).toEqual([]);
    expect(await ids('new')).toHaveLength(4);

    const page = await readQueue(t.deps, moderator, { queue: 'removed' });
    expect(page.items[0]).toMatchObject({
      article: { id: article.id, slug: 'desk-article', title: article.title },
      comment: { body: 'removed one', removedReason: 'x' },
    });
    const paged = await readQueue(t.deps, moderator, { queue: 'new', limit: 3 });
    expect(paged.items).toHaveLength(3);
    const rest = await readQueue(t.deps, moderator, { queue: 'new', limit: 3, after: paged.next! });
    expect(rest.items).toHaveLength(1);

    expect(await codeOf(readQueue(t.deps, author, { queue: 'new' }))).toBe('FORBIDDEN');
    expect(await codeOf(readQueue(t.deps, null, { queue: 'new' }))).toBe('UNAUTHENTICATED');
  });
});

describe('context and history', () => {
  it('shows a comment with its parent, article, reports, audit and the author’s history', async () => {
    const parent = await post('the parent');
    const child = await post('the child', parent.comment.id);
    await reportComment(t.deps, reporter, { commentId: child.comment.id, reason: 'abuse', note: 'mean' });
    await moderateComment(t.deps, moderator, {
      commentId: child.comment.id,
      action: 'hold',
      reason: 'checking',
      expectedVersion: 0,
    });
    await sanctionUser(t.deps, moderator, { userId: author.id, kind: 'warn', reason: 'tone' });

    const context = await readCommentContext(t.deps, moderator, child.comment.id);
    expect(context.comment).toMatchObject({ id: child.comment.id, status: 'held', body: 'the child', reportCount: 1 });
    expect(context.parent?.id).toBe(parent.comment.id);
    expect(context.article).toEqual({ id: article.id, slug: 'desk-article', title: article.title });
    expect(context.reports).toEqual([expect.objectContaining({ userId: reporter.id, reason: 'abuse', note: 'mean' })]);
    expect(context.audit.map((a) => a.action)).toEqual(['hold']);
    expect(context.author.user).toMatchObject({ id: author.id, name: 'Author' });
    expect(context.author.standing).toMatchObject({ total: 2, visible: 1, held: 1 });
    expect(context.author.active.map((s) => s.kind)).toEqual(['warn']);
    expect(context.author.recent).toHaveLength(2);

    const top = await readCommentContext(t.deps, moderator, parent.comment.id);
    expect(top.parent).toBeNull();
  });

  it('answers for unknown users and comments', async () => {
    const history = await readUserHistory(t.deps, moderator, 'nobody');
    expect(history).toMatchObject({ user: null, sanctions: [], active: [], recent: [] });
    expect(await codeOf(readCommentContext(t.deps, moderator, 'missing'))).toBe('NOT_FOUND');
    expect(await codeOf(readCommentContext(t.deps, author, 'missing'))).toBe('FORBIDDEN');
    expect(await codeOf(readUserHistory(t.deps, author, author.id))).toBe('FORBIDDEN');
  });

  it('does not count a sanction that ran out by the clock as active', async () => {
    await sanctionUser(t.deps, moderator, { userId: author.id, kind: 'mute', reason: 'x', minutes: 1 });
    expect((await readUserHistory(t.deps, moderator, author.id)).active).toHaveLength(1);
    t.clock.advanceSeconds(61);
    const later = await readUserHistory(t.deps, moderator, author.id);
    expect(later.active).toEqual([]);
    expect(later.sanctions).toHaveLength(1);
  });
});

describe('audit log', () => {
  it('filters by article, comment and target user', async () => {
    const a = await post('a');
    const b = await post('b');
    await moderateComment(t.deps, moderator, { commentId: a.comment.id, action: 'feature', expectedVersion: 0 });
    await moderateComment(t.deps, moderator, { commentId: b.comment.id, action: 'hold', expectedVersion: 0 });
    await sanctionUser(t.deps, moderator, { userId: reporter.id, kind: 'warn', reason: 'x' });

    const all = await readAudit(t.deps, moderator, {});
    // Comment actions are stamped by the store, sanctions by deps.now: compare contents, not order.
    expect(all.items.map((e) => e.action).sort()).toEqual(['feature', 'hold', 'sanction.warn']);
    expect((await readAudit(t.deps, moderator, { commentId: a.comment.id })).items.map((e) => e.action)).toEqual([
      'feature',
    ]);
    expect((await readAudit(t.deps, moderator, { articleId: article.id })).items).toHaveLength(2);
    expect((await readAudit(t.deps, moderator, { userId: reporter.id })).items.map((e) => e.action)).toEqual([
      'sanction.warn',
    ]);
    const first = await readAudit(t.deps, moderator, { limit: 1 });
    const second = await readAudit(t.deps, moderator, { limit: 1, after: first.next! });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    expect(await codeOf(readAudit(t.deps, reporter, {}))).toBe('FORBIDDEN');
  });
});
