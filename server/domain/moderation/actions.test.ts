import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModAction } from '../../../shared/types.js';
import type { ArticleRecord, CommentRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { transitionFor } from '../../../shared/moderation.js';
import { applyModeration, moderateComment, SYSTEM_ACTOR } from './actions.js';

let t: MemoryDeps;
let article: ArticleRecord;
let author: Actor;
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  author = await makeUser(t.deps, 'reader', 'Author');
  moderator = await makeUser(t.deps, 'moderator', 'Mia');
});
afterEach(() => t.close());

async function newComment(body = 'A comment'): Promise<CommentRecord> {
  const { comment } = await postComment(t.deps, author, { articleId: article.id, body });
  return (await t.deps.store.getComment(comment.id))!;
}

const act = (
  c: { id: string; modVersion: number },
  action: ModAction,
  reason?: string,
  actor: Actor | null = moderator,
) => moderateComment(t.deps, actor, { commentId: c.id, action, reason, expectedVersion: c.modVersion });

describe('transitionFor', () => {
  const base = { status: 'visible', featured: false, approved: false } as CommentRecord;
  const as = (patch: Partial<CommentRecord>) => ({ ...base, ...patch }) as CommentRecord;

  it('maps each action to the change it makes, or null where it does not apply', () => {
    expect(transitionFor('remove', base, 'spam')).toEqual({
      kind: 'comment.removed',
      patch: { status: 'removed', removedReason: 'spam', featured: false },
    });
    expect(transitionFor('remove', as({ status: 'held' }), 'x')?.kind).toBe('comment.removed');
    expect(transitionFor('remove', as({ status: 'removed' }), 'x')).toBeNull();
    expect(transitionFor('remove', as({ status: 'deleted' }), 'x')).toBeNull();

    expect(transitionFor('restore', as({ status: 'removed' }), null)).toEqual({
      kind: 'comment.restored',
      patch: { status: 'visible', removedReason: null, approved: true },
    });
    expect(transitionFor('restore', base, null)).toBeNull();

    expect(transitionFor('approve', as({ status: 'held' }), null)?.patch).toEqual({
      status: 'visible',
      approved: true,
      holdReason: null,
    });
    expect(transitionFor('approve', base, null)?.patch).toEqual({ approved: true });
    expect(transitionFor('approve', as({ approved: true }), null)).toBeNull();
    expect(transitionFor('approve', as({ status: 'removed' }), null)).toBeNull();

    expect(transitionFor('hold', base, null)?.patch).toEqual({
      status: 'held',
      holdReason: 'held by a moderator',
      featured: false,
    });
    expect(transitionFor('hold', base, 'check this')?.patch.holdReason).toBe('check this');
    expect(transitionFor('hold', as({ status: 'held' }), null)).toBeNull();

    expect(transitionFor('feature', base, null)?.kind).toBe('comment.featured');
    expect(transitionFor('feature', as({ featured: true }), null)).toBeNull();
    expect(transitionFor('feature', as({ status: 'held' }), null)).toBeNull();
    expect(transitionFor('unfeature', as({ featured: true }), null)?.kind).toBe('comment.unfeatured');
    expect(transitionFor('unfeature', base, null)).toBeNull();
  });
});

describe('moderateComment', () => {
  it('removes with a reason, bumps the version, logs the change and audits it', async () => {
    const c = await newComment('Off-topic rant');
    t.bus.clear();
    const after = await act(c, 'remove', '  off topic  ');
    expect(after).toMatchObject({
      id: c.id,
      status: 'removed',
      removedReason: 'off topic',
      modVersion: c.modVersion + 1,
    });
    // The moderators' view keeps the body.
    expect(after.body).toBe('Off-topic rant');
    expect(t.bus.topics().slice(0, 3)).toEqual(['articleChange', 'deskUpdate', 'auditEntry']);
    expect(t.bus.of('auditEntry')[0]?.entry).toMatchObject({ action: 'remove', comment: { id: c.id } });
    expect(t.bus.of('articleChange')[0]?.change).toMatchObject({ kind: 'comment.removed', seq: 2, commentId: c.id });
    expect(t.bus.of('deskUpdate')[0]).toMatchObject({ actorName: 'Mia', action: 'remove' });
    const audit = await t.deps.store.listAudit({ commentId: c.id, limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      action: 'remove',
      actorId: moderator.id,
      actorName: 'Mia',
      targetUserId: author.id,
      reason: 'off topic',
      before: { status: 'visible' },
      after: { status: 'removed' },
    });
  });

  it('walks a comment through hold, approve, feature, unfeature, remove and restore', async () => {
    let c: { id: string; modVersion: number } = await newComment();
    const steps: Array<[ModAction, string | undefined, Record<string, unknown>]> = [
      ['hold', undefined, { status: 'held', holdReason: 'held by a moderator' }],
      ['approve', undefined, { status: 'visible', approved: true, holdReason: null }],
      ['feature', undefined, { featured: true }],
      ['unfeature', undefined, { featured: false }],
      ['feature', undefined, { featured: true }],
      ['remove', 'abuse', { status: 'removed', featured: false }],
      ['restore', undefined, { status: 'visible', removedReason: null, approved: true }],
    ];
    for (const [action, reason, expected] of steps) {
      const next = await act(c, action, reason);
      expect(next).toMatchObject(expected);
      expect(next.modVersion).toBe(c.modVersion + 1);
      c = next;
    }
    expect(
      t.bus
        .of('deskUpdate')
        .slice(1)
        .map((m) => m.action),
    ).toEqual(steps.map(([a]) => a));
  });

  it('answers ALREADY_HANDLED when another moderator acted first', async () => {
    const c = await newComment();
    const other = await makeUser(t.deps, 'moderator', 'Other');
    await moderateComment(t.deps, other, { commentId: c.id, action: 'feature', expectedVersion: c.modVersion });
    t.bus.clear();
    // Mia decided on the version she saw, which is stale now.
    expect(await codeOf(act(c, 'remove', 'spam'))).toBe('ALREADY_HANDLED');
    expect((await t.deps.store.getComment(c.id))?.status).toBe('visible');
    expect(t.bus.events).toEqual([]);
  });

  it('lets exactly one of two simultaneous moderators win; the store decides', async () => {
    const c = await newComment();
    const other = await makeUser(t.deps, 'moderator', 'Other');
    t.bus.clear();
    // Both read the same version before either writes: the compare-and-set in the store refuses one.
    const results = await Promise.allSettled([
      act(c, 'remove', 'spam'),
      moderateComment(t.deps, other, { commentId: c.id, action: 'feature', expectedVersion: c.modVersion }),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toEqual([expect.objectContaining({ code: 'ALREADY_HANDLED' })]);
    expect((await t.deps.store.getComment(c.id))?.modVersion).toBe(c.modVersion + 1);
    expect(t.bus.of('articleChange')).toHaveLength(1);
    expect((await t.deps.store.listAudit({ commentId: c.id, limit: 10 })).items).toHaveLength(1);
  });

  it('refuses an action that does not fit the state, naming the state', async () => {
    const c = await newComment();
    await expect(act(c, 'restore')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'Cannot restore a comment that is visible.',
    });
    const featured = await act(c, 'feature');
    await expect(act(featured, 'feature')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'Cannot feature a comment that is featured and visible.',
    });
  });

  it('needs a reason for a removal', async () => {
    const c = await newComment();
    expect(await codeOf(act(c, 'remove'))).toBe('VALIDATION_FAILED');
    expect(await codeOf(act(c, 'remove', '   '))).toBe('VALIDATION_FAILED');
  });

  it('refuses guests and readers, and unknown comments', async () => {
    const c = await newComment();
    expect(await codeOf(act(c, 'hold', undefined, null))).toBe('UNAUTHENTICATED');
    expect(await codeOf(act(c, 'hold', undefined, author))).toBe('FORBIDDEN');
    expect(await codeOf(act({ id: 'missing', modVersion: 0 }, 'hold'))).toBe('NOT_FOUND');
    const admin = await makeUser(t.deps, 'admin');
    expect((await act(c, 'hold', undefined, admin)).status).toBe('held');
  });

  it('lets the system act in its own name', async () => {
    const c = await newComment();
    const held = await applyModeration(t.deps, SYSTEM_ACTOR, {
      commentId: c.id,
      action: 'hold',
      reason: 'automatic',
      expectedVersion: c.modVersion,
    });
    expect(held.holdReason).toBe('automatic');
    expect(t.bus.of('deskUpdate').at(-1)).toMatchObject({ actorName: 'Parley (automatic)', action: 'hold' });
  });
});
