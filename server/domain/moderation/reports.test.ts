import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { deleteComment, postComment } from '../discussion.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { moderateComment } from './actions.js';
import { reportComment } from './reports.js';
import { sanctionUser } from './sanctions.js';

let t: MemoryDeps;
let article: ArticleRecord;
let author: Actor;
let readers: Actor[];
let moderator: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps, { reportThreshold: 3 });
  author = await makeUser(t.deps, 'reader', 'Author');
  readers = [];
  for (let i = 0; i < 4; i++) readers.push(await makeUser(t.deps, 'reader', `Reader${i}`));
  moderator = await makeUser(t.deps, 'moderator');
});
afterEach(() => t.close());

const comment = async (body = 'Controversial') =>
  (await postComment(t.deps, author, { articleId: article.id, body })).comment.id;
const report = (actor: Actor | null, commentId: string) =>
  reportComment(t.deps, actor, { commentId, reason: 'abuse', note: 'rude' });

describe('reporting', () => {
  it('records reports, tells the desk, and holds the comment at the threshold', async () => {
    const id = await comment();
    t.bus.clear();
    expect(await report(readers[0]!, id)).toEqual({ reportCount: 1, held: false });
    expect(await report(readers[1]!, id)).toEqual({ reportCount: 2, held: false });
    expect(t.bus.of('deskUpdate').map((m) => m.action)).toEqual(['report', 'report']);
    expect(t.bus.of('articleChange')).toEqual([]);

    expect(await report(readers[2]!, id)).toEqual({ reportCount: 3, held: true });
    const held = (await t.deps.store.getComment(id))!;
    expect(held).toMatchObject({ status: 'held', holdReason: '3 reports', reportCount: 3 });
    expect(t.bus.of('articleChange').map((m) => m.change.kind)).toEqual(['comment.held']);
    // The hold, then the reasons the desk shows on the item (issue 15).
    expect(t.bus.of('deskUpdate').at(-2)).toMatchObject({ actorName: 'Parley (automatic)', action: 'hold' });
    expect(t.bus.of('deskUpdate').at(-1)).toMatchObject({ action: 'report', comment: { status: 'held' } });
    expect(Object.values(t.bus.of('deskUpdate').at(-1)?.reasons ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const reports = await t.deps.store.listReports(id);
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatchObject({ reason: 'abuse', note: 'rude', at: t.deps.now().toISOString() });
    const audit = await t.deps.store.listAudit({ commentId: id, limit: 5 });
    expect(audit.items[0]).toMatchObject({ action: 'hold', actorId: 'system', reason: '3 reports' });
  });

  it('does not hold a comment a moderator approved', async () => {
    const id = await comment();
    await moderateComment(t.deps, moderator, { commentId: id, action: 'approve', expectedVersion: 0 });
    for (const r of readers.slice(0, 3)) expect((await report(r, id)).held).toBe(false);
    expect((await t.deps.store.getComment(id))?.status).toBe('visible');
  });

  it('refuses a second report by the same user', async () => {
    const id = await comment();
    await report(readers[0]!, id);
    expect(await codeOf(report(readers[0]!, id))).toBe('ALREADY_REPORTED');
  });

  it('refuses guests, the author, unknown and hidden comments', async () => {
    const id = await comment();
    expect(await codeOf(report(null, id))).toBe('UNAUTHENTICATED');
    expect(await codeOf(report(author, id))).toBe('FORBIDDEN');
    expect(await codeOf(report(readers[0]!, 'missing'))).toBe('NOT_FOUND');
    await deleteComment(t.deps, author, { commentId: id });
    expect(await codeOf(report(readers[0]!, id))).toBe('COMMENT_NOT_VISIBLE');
  });

  it('refuses a banned reporter', async () => {
    const id = await comment();
    await sanctionUser(t.deps, moderator, { userId: readers[0]!.id, kind: 'ban', reason: 'troll' });
    expect(await codeOf(report(readers[0]!, id))).toBe('BANNED');
  });

  it('lets a moderator’s simultaneous decision stand over the automatic hold', async () => {
    await t.deps.store.updateArticle(article.id, { reportThreshold: 1 });
    const id = await comment();
    const [reported, moderated] = await Promise.allSettled([
      report(readers[0]!, id),
      moderateComment(t.deps, moderator, { commentId: id, action: 'feature', expectedVersion: 0 }),
    ]);
    // The report itself never fails over the race; whichever write came second lost cleanly.
    expect(reported.status).toBe('fulfilled');
    const { held } = (reported as PromiseFulfilledResult<{ held: boolean }>).value;
    const stored = (await t.deps.store.getComment(id))!;
    expect(stored.status === 'held').toBe(held);
    if (moderated.status === 'rejected') {
      expect(moderated.reason).toMatchObject({ code: 'ALREADY_HANDLED' });
      expect(held).toBe(true);
    }
    if (!held) expect(stored).toMatchObject({ status: 'visible', featured: true });
  });

  it('follows the article’s own threshold', async () => {
    await t.deps.store.updateArticle(article.id, { reportThreshold: 1 });
    const id = await comment();
    expect(await report(readers[0]!, id)).toEqual({ reportCount: 1, held: true });
  });
});
