import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, CommentRecord } from '../store/store.js';
import { isHiddenFrom, listComments, seesHidden, viewComment, viewForModerator } from './comments.js';
import { castVote, deleteComment, postComment } from './discussion.js';
import { moderateComment } from './moderation/actions.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from './testing/memory-deps.js';
import type { Actor } from './users.js';

let t: MemoryDeps;
let article: ArticleRecord;
let author: Actor;
let reader: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps, { slug: 'the-article' });
  author = await makeUser(t.deps, 'reader', 'Author');
  reader = await makeUser(t.deps, 'reader', 'Reader');
  moderator = await makeUser(t.deps, 'moderator', 'Moderator');
});
afterEach(() => t.close());

async function commentWithStatus(status: 'visible' | 'removed' | 'held' | 'deleted'): Promise<CommentRecord> {
  const { comment } = await postComment(t.deps, author, { articleId: article.id, body: `${status} body` });
  if (status === 'deleted') await deleteComment(t.deps, author, { commentId: comment.id });
  if (status === 'removed')
    await moderateComment(t.deps, moderator, {
      commentId: comment.id,
      action: 'remove',
      reason: 'r',
      expectedVersion: 0,
    });
  if (status === 'held')
    await moderateComment(t.deps, moderator, { commentId: comment.id, action: 'hold', expectedVersion: 0 });
  return (await t.deps.store.getComment(comment.id))!;
}

describe('what each viewer sees of a comment', () => {
  it('shows a visible comment to everyone', async () => {
    const c = await commentWithStatus('visible');
    for (const viewer of [null, reader, author, moderator]) {
      expect(viewComment(c, viewer)).toMatchObject({ body: 'visible body', authorName: 'Author' });
      expect(isHiddenFrom(c, viewer)).toBe(false);
    }
  });

  it.each(['removed', 'held'] as const)('hides a %s body and author from readers and guests only', async (status) => {
    const c = await commentWithStatus(status);
    for (const viewer of [null, reader]) {
      expect(viewComment(c, viewer)).toMatchObject({ body: '', authorId: '', authorName: '', status });
    }
    for (const viewer of [author, moderator]) {
      expect(viewComment(c, viewer)).toMatchObject({ body: `${status} body`, authorName: 'Author' });
    }
    expect(seesHidden(c, author)).toBe(true);
    expect(seesHidden(c, reader)).toBe(false);
    expect(seesHidden(c, null)).toBe(false);
  });

  it('shows nobody the body of a deleted comment, but keeps its author', async () => {
    const c = await commentWithStatus('deleted');
    for (const viewer of [null, reader, author, moderator]) {
      expect(viewComment(c, viewer)).toMatchObject({ body: '', authorName: 'Author', status: 'deleted' });
    }
  });

  it('gives moderators the moderation fields and never the other view', async () => {
    const c = await commentWithStatus('removed');
    const modView = viewForModerator(c);
    expect(modView).toMatchObject({ body: 'removed body', removedReason: 'r', modVersion: 1, approved: false });
    expect(viewComment(c, reader)).not.toHaveProperty('modVersion');
    expect(viewComment(c, reader)).not.toHaveProperty('removedReason');
  });
});

describe('listComments', () => {
  it('lists top-level comments by slug (best first by default) as the viewer may see them', async () => {
    const low = await postComment(t.deps, author, { articleId: article.id, body: 'low' });
    const high = await postComment(t.deps, author, { articleId: article.id, body: 'high' });
    await postComment(t.deps, reader, { articleId: article.id, body: 'reply', parentId: high.comment.id });
    await castVote(t.deps, reader, { commentId: high.comment.id, value: 1 });
    await castVote(t.deps, moderator, { commentId: high.comment.id, value: 1 });
    await castVote(t.deps, reader, { commentId: low.comment.id, value: -1 });
    const page = await listComments(t.deps, null, { slug: 'the-article' });
    expect(page.items.map((c) => c.body)).toEqual(['high', 'low']);
    expect(page.next).toBeNull();
    const newest = await listComments(t.deps, null, { slug: 'the-article', sort: 'new' });
    expect(newest.items.map((c) => c.body)).toEqual(['high', 'low']);
    const oldest = await listComments(t.deps, null, { slug: 'the-article', sort: 'old' });
    expect(oldest.items.map((c) => c.body)).toEqual(['low', 'high']);
  });

  it("lists a comment's replies oldest first, page by page", async () => {
    const root = await postComment(t.deps, author, { articleId: article.id, body: 'root' });
    for (const body of ['r1', 'r2', 'r3'])
      await postComment(t.deps, reader, { articleId: article.id, body, parentId: root.comment.id });
    const first = await listComments(t.deps, reader, { slug: 'the-article', parentId: root.comment.id, limit: 2 });
    expect(first.items.map((c) => c.body)).toEqual(['r1', 'r2']);
    const rest = await listComments(t.deps, reader, {
      slug: 'the-article',
      parentId: root.comment.id,
      limit: 2,
      after: first.next!,
    });
    expect(rest.items.map((c) => c.body)).toEqual(['r3']);
    expect(rest.next).toBeNull();
  });

  it('redacts removed comments for readers in lists', async () => {
    await commentWithStatus('removed');
    const [forReader] = (await listComments(t.deps, reader, { slug: 'the-article' })).items;
    const [forModerator] = (await listComments(t.deps, moderator, { slug: 'the-article' })).items;
    expect(forReader?.body).toBe('');
    expect(forModerator?.body).toBe('removed body');
  });

  it('answers NOT_FOUND for an unknown slug', async () => {
    expect(await codeOf(listComments(t.deps, null, { slug: 'nope' }))).toBe('NOT_FOUND');
  });
});
