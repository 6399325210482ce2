// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTokens } from '../state/tokens.js';
import { createFakeFetch, json, type FetchHandler } from '../testing/fake-fetch.js';
import { getArticle, getMe, listArticles, register, signIn, signOut } from './endpoints.js';

function serve(handler: FetchHandler) {
  const fake = createFakeFetch(handler);
  vi.stubGlobal('fetch', fake.fetch);
  return fake.calls;
}

beforeEach(() => {
  window.localStorage.clear();
  setTokens(null);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('endpoints', () => {
  it('lists articles from the first page, then after a cursor', async () => {
    const calls = serve(() => json(200, { items: [], next: null }));
    await expect(listArticles(null)).resolves.toEqual({ items: [], next: null });
    await listArticles('k:1');
    expect(calls.map((c) => c.url)).toEqual(['/api/articles', '/api/articles?after=k%3A1']);
  });

  it('gets one article by its encoded slug and unwraps it', async () => {
    const calls = serve(() => json(200, { article: { id: 'a1' } }));
    const controller = new AbortController();
    await expect(getArticle('a/b c', controller.signal)).resolves.toEqual({ id: 'a1' });
    expect(calls[0]).toMatchObject({ url: '/api/articles/a%2Fb%20c', signal: controller.signal });
  });

  it('signs in and registers with a POST of the body', async () => {
    const calls = serve(() => json(200, { user: { id: 'u1' }, accessToken: 'a', refreshToken: 'r', expiresIn: 900 }));
    await signIn({ name: 'Ada', password: 'secret-password' });
    await register({ name: 'Ada', password: 'secret-password', email: 'ada@example.com' });
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/auth/sign-in', { name: 'Ada', password: 'secret-password' }],
      ['POST', '/api/auth/register', { name: 'Ada', password: 'secret-password', email: 'ada@example.com' }],
    ]);
  });

  it('signs out with the current refresh token, or an empty one without a session', async () => {
    const calls = serve(() => new Response(null, { status: 204 }));
    setTokens({ accessToken: 'a', refreshToken: 'r-1' });
    await signOut();
    setTokens(null);
    await signOut();
    expect(calls.map((c) => c.body)).toEqual([{ refreshToken: 'r-1' }, { refreshToken: '' }]);
  });

  it("gets the signed-in user's own view", async () => {
    serve(() => json(200, { user: { id: 'u1', name: 'Ada' } }));
    await expect(getMe()).resolves.toEqual({ id: 'u1', name: 'Ada' });
  });
});
