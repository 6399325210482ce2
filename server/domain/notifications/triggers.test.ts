import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { postComment } from '../discussion.js';
import { moderateComment } from '../moderation/actions.js';
import { createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';

let t: MemoryDeps;
let article: ArticleRecord;
let ann: Actor;
let ben: Actor;
let mia: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  ann = await makeUser(t.deps, 'reader', 'Ann');
  ben = await makeUser(t.deps, 'reader', 'Ben');
  mia = await makeUser(t.deps, 'moderator', 'Mia');
});
afterEach(() => t.close());

const kinds = async (user: Actor) =>
  (await t.deps.store.listNotifications(user.id, { limit: 50 })).items.map((n) => `${n.kind}:${n.action ?? ''}`);
const post = async (author: Actor, body: string, parentId: string | null = null) =>
  (await postComment(t.deps, author, { articleId: article.id, body, parentId })).comment.id;

describe('notification triggers', () => {
  it('a reply that also mentions the parent’s author is one reply; self-mentions tell nobody', async () => {
    const top = await post(ann, 'Top, and @Ann myself.');
    await post(ben, '@Ann you are wrong, @ann.', top);
    expect(await kinds(ann)).toEqual(['reply:']);
    await post(ben, 'Replying to myself, @Ben.', top);
    expect(await kinds(ben)).toEqual([]);
    expect(t.bus.of('notificationNew').map((m) => m.userId)).toEqual([ann.id, ann.id]);
  });

  it('a held comment notifies nobody until approved; then its reply and the author’s approval go out', async () => {
    const top = await post(ann, 'Top.');
    await t.deps.store.updateArticle(article.id, { premod: 'all' });
    const held = await post(ben, 'A held reply mentioning @Mia.', top);
    expect(await kinds(ann)).toEqual([]);
    expect(await kinds(mia)).toEqual([]);
    await moderateComment(t.deps, mia, { commentId: held, action: 'approve', expectedVersion: 0 });
    expect(await kinds(ben)).toEqual(['moderation:approved']);
    expect(await kinds(ann)).toEqual(['reply:']);
    // Mia approved it herself: her own mention still tells her (someone else wrote it).
    expect(await kinds(mia)).toEqual(['mention:']);
  });

  it('tells the author of a removal with the reason, and not of a moderator’s action on their own comment', async () => {
    const c = await post(ann, 'Something.');
    await moderateComment(t.deps, mia, { commentId: c, action: 'remove', reason: 'Spam', expectedVersion: 0 });
    const [n] = (await t.deps.store.listNotifications(ann.id, { limit: 5 })).items;
    expect(n).toMatchObject({ kind: 'moderation', action: 'removed', reason: 'Spam', actorName: 'Mia', commentId: c });
    const own = await post(mia, 'Mine.');
    await moderateComment(t.deps, mia, { commentId: own, action: 'remove', reason: 'Oops', expectedVersion: 0 });
    expect(await kinds(mia)).toEqual([]);
  });
});
