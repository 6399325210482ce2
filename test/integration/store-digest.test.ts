/**
 * The store digest that the "nothing changed" tests rely on: it must stay put when nothing is
 * written (reads included), and move, naming the table, when anything is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';
import { storeDigest } from '../helpers/store-digest.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.destroy());

describe('store digest', () => {
  it('covers every table, stays put across reads, and names the table a write touched', async () => {
    const before = storeDigest(t.dataDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['users', 'articles', 'comments', 'collab_updates']));
    expect(before.users!.rows).toBeGreaterThan(0);

    // Reads of every kind leave it as it was.
    const admin = await signInAs(t.url, 'admin');
    const afterSignIn = storeDigest(t.dataDir);
    await api(t.url, '/api/articles');
    await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks/comments');
    await api(t.url, '/api/users', { token: admin });
    await api(t.url, '/api/mod/audit', { token: admin });
    expect(storeDigest(t.dataDir)).toEqual(afterSignIn);

    // A sign-in stores a refresh token and nothing else; an edit to one row moves only its table.
    const moved = (a: typeof before, b: typeof before) => Object.keys(a).filter((k) => a[k]!.sha256 !== b[k]!.sha256);
    expect(moved(before, afterSignIn)).toEqual(['refresh_tokens']);
    const article = (await api(t.url, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
    const patched = await api(t.url, `/api/articles/${article.id}`, {
      method: 'PATCH',
      token: admin,
      body: { title: `${article.title}.` },
    });
    expect(patched.status).toBe(200);
    expect(moved(afterSignIn, storeDigest(t.dataDir))).toEqual(['articles']);
  });
});
