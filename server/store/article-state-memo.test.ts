import { afterEach, describe, expect, it } from 'vitest';
import { PURE_READS, rememberArticleStates } from './article-state-memo.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './store.js';

const article = (slug: string) => ({
  slug,
  title: 'T',
  body: 'x'.repeat(10_000),
  motion: null,
  positions: [],
  publishedAt: null,
  createdBy: null,
});

/** The SQLite store, counting the state reads that reach it. */
async function countedStore(): Promise<{ store: Store; reads: () => number }> {
  const store = await openSqliteStore(':memory:');
  let reads = 0;
  const getArticleState = store.getArticleState;
  store.getArticleState = (id) => {
    reads += 1;
    return getArticleState(id);
  };
  return { store, reads: () => reads };
}

let opened: Store | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

describe('rememberArticleStates', () => {
  it('reads a state once while nothing is written, and serves it to every later read', async () => {
    const { store, reads } = await countedStore();
    const memo = (opened = rememberArticleStates(store));
    const a = await memo.createArticle(article('one'));
    const first = await memo.getArticleState(a.id);
    expect(await memo.getArticleState(a.id)).toBe(first);
    await memo.getUser('nobody'); // a read leaves it alone
    expect(await memo.getArticleState(a.id)).toEqual({ ...first });
    expect(reads()).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('reads again after any write, and so sees what the write changed', async () => {
    const { store, reads } = await countedStore();
    const memo = (opened = rememberArticleStates(store));
    const a = await memo.createArticle(article('two'));
    const author = await memo.createUser({
      name: 'W',
      nameKey: 'w',
      passwordHash: null,
      role: 'reader',
      email: null,
      ssoProvider: null,
      ssoSubject: null,
    });
    expect((await memo.getArticleState(a.id))?.seq).toBe(0);
    await memo.createComment({ articleId: a.id, parentId: null, authorId: author.id, authorName: 'W', body: 'hi' });
    expect(await memo.getArticleState(a.id)).toMatchObject({ seq: 1, commentCount: 1 });
    await memo.updateArticle(a.id, { commentsOpen: false, slowModeSeconds: 15 });
    expect(await memo.getArticleState(a.id)).toMatchObject({ seq: 1, commentsOpen: false, slowModeSeconds: 15 });
    // Even a write that touches no article: what it did is not looked into.
    await memo.saveRefreshToken({ tokenHash: 'h', userId: author.id, expiresAt: '2999-01-01T00:00:00.000Z' });
    await memo.getArticleState(a.id);
    expect(reads()).toBe(4);
    expect(await memo.getArticleState('missing')).toBeNull();
  });

  it('does not keep a state read while a write was in flight', async () => {
    const { store, reads } = await countedStore();
    const a = await store.createArticle(article('three'));
    // A write whose end the test decides: it commits at once (as MongoDB may, before it settles).
    let settle: () => void = () => undefined;
    const slowUpdate: Store['updateArticle'] = async (id, patch) => {
      const updated = await store.updateArticle(id, patch);
      await new Promise<void>((resolve) => (settle = resolve));
      return updated;
    };
    const memo = (opened = rememberArticleStates({ ...store, updateArticle: slowUpdate }));
    const writing = memo.updateArticle(a.id, { slowModeSeconds: 30 });
    await new Promise((r) => setImmediate(r));
    expect((await memo.getArticleState(a.id))?.slowModeSeconds).toBe(30);
    settle();
    await writing;
    await memo.getArticleState(a.id);
    expect(reads()).toBe(2);
  });

  it('lists only methods the store has', async () => {
    const store = (opened = await openSqliteStore(':memory:'));
    for (const name of PURE_READS) expect(typeof store[name]).toBe('function');
  });
});
