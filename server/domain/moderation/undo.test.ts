import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNDO_WINDOW_MS } from '../../../shared/moderation.js';
import type { ArticleRecord, CommentRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { moderateComment } from './actions.js';
import { sanctionUser } from './sanctions.js';
import { updateArticleSettings } from './settings.js';
import { undoAction } from './undo.js';

let t: MemoryDeps;
let article: ArticleRecord;
let author: Actor;
let moderator: Actor;
let other: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  author = await makeUser(t.deps, 'reader', 'Author');
  moderator = await makeUser(t.deps, 'moderator', 'Mia');
  other = await makeUser(t.deps, 'moderator', 'Noor');
});
afterEach(() => t.close());

async function newComment(): Promise<CommentRecord> {
  const { comment } = await postComment(t.deps, author, { articleId: article.id, body: 'A comment' });
  return (await t.deps.store.getComment(comment.id))!;
}

/** The moderator's newest audit entry. */
const lastOf = async (actor: Actor) => (await t.deps.store.listAudit({ actorId: actor.id, limit: 1 })).items[0]!;

describe('undo', () => {
  it('takes back a feature mark, audited as its own entry, announced to desks', async () => {
    const c = await newComment();
    await moderateComment(t.deps, moderator, { commentId: c.id, action: 'feature', expectedVersion: c.modVersion });
    const featured = await lastOf(moderator);
    const undo = await undoAction(t.deps, moderator, featured.id);
    expect(undo).toMatchObject({ action: 'undo', reason: 'undo of feature', commentId: c.id });
    expect((await t.deps.store.getComment(c.id))?.featured).toBe(false);
    expect(t.bus.of('auditEntry').at(-1)?.entry.id).toBe(undo.id);
    expect(t.bus.of('articleChange').at(-1)?.change.kind).toBe('comment.unfeatured');
  });

  it('is only for one’s own action, within the window', async () => {
    const c = await newComment();
    await moderateComment(t.deps, moderator, { commentId: c.id, action: 'hold', expectedVersion: c.modVersion });
    const held = await lastOf(moderator);
    expect(await codeOf(undoAction(t.deps, other, held.id))).toBe('NOT_FOUND');
    expect(await codeOf(undoAction(t.deps, author, held.id))).toBe('FORBIDDEN');
    t.clock.set(held.at);
    t.clock.advance(UNDO_WINDOW_MS + 1);
    expect(await codeOf(undoAction(t.deps, moderator, held.id))).toBe('UNDO_EXPIRED');
    expect((await t.deps.store.getComment(c.id))?.status).toBe('held');
  });

  it('never overrides a later decision by someone else', async () => {
    const c = await newComment();
    await moderateComment(t.deps, moderator, { commentId: c.id, action: 'hold', expectedVersion: c.modVersion });
    const held = await lastOf(moderator);
    const now = (await t.deps.store.getComment(c.id))!;
    await moderateComment(t.deps, other, { commentId: c.id, action: 'approve', expectedVersion: now.modVersion });
    expect(await codeOf(undoAction(t.deps, moderator, held.id))).toBe('ALREADY_HANDLED');
    expect((await t.deps.store.getComment(c.id))?.status).toBe('visible');
  });

  it('lifts a sanction, and refuses to undo settings', async () => {
    const { sanction } = await sanctionUser(t.deps, moderator, {
      userId: author.id,
      kind: 'ban',
      reason: 'spam ring',
    });
    const banned = await lastOf(moderator);
    expect(banned.after).toMatchObject({ sanctionId: sanction.id });
    await undoAction(t.deps, moderator, banned.id);
    expect((await t.deps.store.getSanction(sanction.id))?.liftedAt).not.toBeNull();
    expect(await codeOf(undoAction(t.deps, moderator, banned.id))).toBe('ALREADY_HANDLED');

    // The test clock stands still: a later stamp keeps "newest" unambiguous.
    t.clock.advance(1000);
    await updateArticleSettings(t.deps, moderator, article.id, { slowModeSeconds: 10 });
    expect(await codeOf(undoAction(t.deps, moderator, (await lastOf(moderator)).id))).toBe('INVALID_TRANSITION');
  });
});
