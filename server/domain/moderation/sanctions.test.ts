import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sanction } from '../../../shared/types.js';
import type { ArticleRecord } from '../../store/store.js';
import { deleteComment, postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { acknowledgeWarning, liftSanction, sanctionUser } from './sanctions.js';
import { activeSanctions, assertMayWrite } from './standing.js';

let t: MemoryDeps;
let article: ArticleRecord;
let reader: Actor;
let moderator: Actor;
let admin: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  reader = await makeUser(t.deps, 'reader', 'Rex');
  moderator = await makeUser(t.deps, 'moderator', 'Mona');
  admin = await makeUser(t.deps, 'admin', 'Ada');
});
afterEach(() => t.close());

const post = (actor: Actor, body = 'hello') => postComment(t.deps, actor, { articleId: article.id, body });

describe('warnings', () => {
  it('blocks writing until the user acknowledges the warning', async () => {
    const { sanction, removed } = await sanctionUser(t.deps, moderator, {
      userId: reader.id,
      kind: 'warn',
      reason: 'be civil',
    });
    expect(removed).toBe(0);
    expect(sanction).toMatchObject({ kind: 'warn', until: null, actorId: moderator.id, acknowledgedAt: null });
    await expect(post(reader)).rejects.toMatchObject({ code: 'WARNING_UNACKNOWLEDGED', message: /be civil/ });
    expect(t.bus.of('accountNotice')).toEqual([{ userId: reader.id, sanction }]);

    // Only the warned user can acknowledge it.
    expect(await codeOf(acknowledgeWarning(t.deps, moderator, sanction.id))).toBe('NOT_FOUND');
    expect(await codeOf(acknowledgeWarning(t.deps, null, sanction.id))).toBe('UNAUTHENTICATED');
    const at = t.clock.advanceSeconds(10);
    const done = await acknowledgeWarning(t.deps, reader, sanction.id);
    expect(done.acknowledgedAt).toBe(at.toISOString());
    expect((await post(reader)).comment.status).toBe('visible');
  });
});

describe('mutes', () => {
  it('mutes for the given minutes by the clock', async () => {
    const { sanction } = await sanctionUser(t.deps, moderator, {
      userId: reader.id,
      kind: 'mute',
      reason: 'flooding',
      minutes: 15,
    });
    expect(sanction.until).toBe(new Date(t.deps.now().getTime() + 15 * 60_000).toISOString());
    await expect(post(reader)).rejects.toMatchObject({ code: 'MUTED', message: /until .*flooding/ });
    t.clock.advanceSeconds(15 * 60 - 1);
    expect(await codeOf(post(reader))).toBe('MUTED');
    t.clock.advanceSeconds(1);
    expect((await post(reader)).comment.body).toBe('hello');
  });

  it('needs a length', async () => {
    expect(await codeOf(sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'mute', reason: 'x' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await t.deps.store.listSanctions(reader.id)).toEqual([]);
  });
});

describe('bans', () => {
  it('bans without an end, and can remove every visible or held comment of the user at once', async () => {
    const kept = await post(reader, 'first');
    await post(reader, 'second');
    const gone = await post(reader, 'deleted by the author');
    await deleteComment(t.deps, reader, { commentId: gone.comment.id });
    await t.deps.store.updateArticle(article.id, { premod: 'all' });
    const held = await post(reader, 'held one');
    expect(held.comment.status).toBe('held');
    t.bus.clear();

    const { sanction, removed } = await sanctionUser(t.deps, moderator, {
      userId: reader.id,
      kind: 'ban',
      reason: 'spam ring',
      removeComments: true,
    });
    expect(sanction).toMatchObject({ kind: 'ban', until: null });
    expect(removed).toBe(3);
    const stored = await t.deps.store.getComment(kept.comment.id);
    expect(stored).toMatchObject({ status: 'removed', removedReason: 'ban: spam ring' });
    expect((await t.deps.store.getComment(gone.comment.id))?.status).toBe('deleted');
    expect(t.bus.of('articleChange').map((m) => m.change.kind)).toEqual(Array(3).fill('comment.removed'));
    // The user's screens and editing connections are told first, before the removals run.
    expect(t.bus.topics()[0]).toBe('accountNotice');
    expect(t.bus.of('accountNotice')).toEqual([{ userId: reader.id, sanction }]);
    await expect(post(reader)).rejects.toMatchObject({ code: 'BANNED', message: /with no end date/ });
  });

  it('a timed ban ends by the clock and leaves comments in place without removeComments', async () => {
    const c = await post(reader, 'stays');
    const { removed } = await sanctionUser(t.deps, moderator, {
      userId: reader.id,
      kind: 'ban',
      reason: 'cool off',
      minutes: 60,
    });
    expect(removed).toBe(0);
    expect((await t.deps.store.getComment(c.comment.id))?.status).toBe('visible');
    expect(await codeOf(post(reader))).toBe('BANNED');
    t.clock.advanceSeconds(3600);
    await expect(post(reader)).resolves.toBeDefined();
  });

  it('a ban outranks a mute and a warning', async () => {
    await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'warn', reason: 'w' });
    await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'mute', reason: 'm', minutes: 5 });
    expect(await codeOf(post(reader))).toBe('MUTED');
    await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'ban', reason: 'b' });
    expect(await codeOf(post(reader))).toBe('BANNED');
  });
});

describe('who may sanction whom', () => {
  it('refuses guests, readers, unknown users and oneself', async () => {
    const other = await makeUser(t.deps);
    const input = { userId: other.id, kind: 'warn' as const, reason: 'x' };
    expect(await codeOf(sanctionUser(t.deps, null, input))).toBe('UNAUTHENTICATED');
    expect(await codeOf(sanctionUser(t.deps, reader, input))).toBe('FORBIDDEN');
    expect(await codeOf(sanctionUser(t.deps, moderator, { ...input, userId: 'missing' }))).toBe('NOT_FOUND');
    expect(await codeOf(sanctionUser(t.deps, admin, { ...input, userId: admin.id }))).toBe('FORBIDDEN');
  });

  it('lets only an admin sanction a moderator', async () => {
    const colleague = await makeUser(t.deps, 'moderator');
    const input = { userId: colleague.id, kind: 'mute' as const, reason: 'x', minutes: 5 };
    expect(await codeOf(sanctionUser(t.deps, moderator, input))).toBe('FORBIDDEN');
    const { sanction } = await sanctionUser(t.deps, admin, input);
    expect(sanction.actorId).toBe(admin.id);
  });

  it('audits each sanction against the user', async () => {
    await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'mute', reason: 'noise', minutes: 5 });
    const audit = await t.deps.store.listAudit({ targetUserId: reader.id, limit: 10 });
    expect(audit.items[0]).toMatchObject({
      action: 'sanction.mute',
      actorName: 'Mona',
      reason: 'noise',
      before: null,
      after: { kind: 'mute' },
    });
  });
});

describe('lifting', () => {
  it('lifts a sanction at once, audits and announces it', async () => {
    const { sanction } = await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'ban', reason: 'oops' });
    t.bus.clear();
    const at = t.clock.advanceSeconds(30);
    const lifted = await liftSanction(t.deps, moderator, sanction.id);
    expect(lifted).toMatchObject({ id: sanction.id, liftedAt: at.toISOString() });
    expect(t.bus.of('accountNotice')).toEqual([{ userId: reader.id, sanction: lifted }]);
    const audit = await t.deps.store.listAudit({ targetUserId: reader.id, limit: 10 });
    expect(audit.items[0]).toMatchObject({ action: 'sanction.lift', before: { kind: 'ban' }, after: null });
    await expect(post(reader)).resolves.toBeDefined();
    expect(await codeOf(liftSanction(t.deps, moderator, sanction.id))).toBe('NOT_FOUND');
  });

  it('lets only an admin lift what binds a moderator', async () => {
    const colleague = await makeUser(t.deps, 'moderator');
    const { sanction } = await sanctionUser(t.deps, admin, {
      userId: colleague.id,
      kind: 'mute',
      reason: 'x',
      minutes: 5,
    });
    expect(await codeOf(liftSanction(t.deps, moderator, sanction.id))).toBe('FORBIDDEN');
    expect(await codeOf(liftSanction(t.deps, colleague, sanction.id))).toBe('FORBIDDEN');
    expect((await liftSanction(t.deps, admin, sanction.id)).liftedAt).not.toBeNull();
  });

  it('refuses guests, readers and unknown sanctions', async () => {
    const { sanction } = await sanctionUser(t.deps, moderator, { userId: reader.id, kind: 'warn', reason: 'x' });
    expect(await codeOf(liftSanction(t.deps, null, sanction.id))).toBe('UNAUTHENTICATED');
    expect(await codeOf(liftSanction(t.deps, reader, sanction.id))).toBe('FORBIDDEN');
    expect(await codeOf(liftSanction(t.deps, moderator, 'missing'))).toBe('NOT_FOUND');
  });
});

describe('standing', () => {
  const base: Sanction = {
    id: 's',
    userId: 'u',
    kind: 'mute',
    reason: 'r',
    until: null,
    actorId: 'm',
    createdAt: '2026-01-01T00:00:00.000Z',
    acknowledgedAt: null,
    liftedAt: null,
  };
  const now = new Date('2026-01-01T01:00:00.000Z');

  it('keeps sanctions in force: not lifted, not expired, warnings until acknowledged', () => {
    const list: Sanction[] = [
      { ...base, id: 'open-ended' },
      { ...base, id: 'expired', until: '2026-01-01T00:30:00.000Z' },
      { ...base, id: 'running', until: '2026-01-01T02:00:00.000Z' },
      { ...base, id: 'lifted', liftedAt: '2026-01-01T00:10:00.000Z' },
      { ...base, id: 'warned', kind: 'warn' },
      { ...base, id: 'acknowledged', kind: 'warn', acknowledgedAt: '2026-01-01T00:05:00.000Z' },
    ];
    expect(activeSanctions(list, now).map((s) => s.id)).toEqual(['open-ended', 'running', 'warned']);
  });

  it('lets a user without sanctions write', async () => {
    await expect(assertMayWrite(t.deps, reader.id)).resolves.toBeUndefined();
  });
});
