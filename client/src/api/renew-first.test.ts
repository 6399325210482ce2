// @vitest-environment happy-dom
/**
 * Renew first: a stored access token whose `exp` has passed (a return visit) is renewed before any
 * request is signed with it, so the server never refuses it and the console shows no 401.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { accessExpiresAt, getTokens, isAccessExpired, setTokens } from '../state/tokens.js';
import { deferred } from '../testing/deferred.js';
import { flushPromises } from '../testing/flush.js';
import { apiError, createFakeFetch, json, type FetchHandler } from '../testing/fake-fetch.js';
import { apiRequest, usableTokens } from './client.js';

const NOW = Date.UTC(2026, 11, 6, 8, 0, 0);

/** An unsigned JWT-shaped token with these claims: only its payload is read on the client. */
function jwtWith(claims: object): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

const EXPIRED = { accessToken: jwtWith({ sub: 'u1', exp: NOW / 1000 - 3600 }), refreshToken: 'refresh-old' };
const VALID = { accessToken: jwtWith({ sub: 'u1', exp: NOW / 1000 + 600 }), refreshToken: 'refresh-old' };
const NEW = { accessToken: jwtWith({ sub: 'u1', exp: NOW / 1000 + 900 }), refreshToken: 'refresh-new' };

function serve(handler: FetchHandler) {
  const fake = createFakeFetch(handler);
  vi.stubGlobal('fetch', fake.fetch);
  return fake.calls;
}

/** Like the real server: refuses an expired access token, rotates the refresh token once. */
function server(refresh: () => Response | Promise<Response> = () => json(200, NEW)): FetchHandler {
  return (call) => {
    if (call.url === '/api/auth/refresh') return refresh();
    if (call.headers.Authorization === `Bearer ${EXPIRED.accessToken}`) return apiError(401, 'TOKEN_EXPIRED');
    return json(200, { who: call.headers.Authorization ?? 'guest' });
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  window.localStorage.clear();
  setTokens(null);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the expiry of an access token', () => {
  it('is read from the exp claim of its base64url payload', () => {
    expect(accessExpiresAt(VALID.accessToken)).toBe(NOW + 600_000);
    // base64url characters (- and _) and no padding: a payload with non-ASCII text in it.
    const named = jwtWith({ name: 'ناصر ~~~ ???', exp: 2_000_000_000 });
    expect(named).toMatch(/[-_]/);
    expect(accessExpiresAt(named)).toBe(2_000_000_000_000);
  });

  it('is unknown for what is not a JWT, or has no numeric exp', () => {
    for (const token of ['access-old', 'not.a.token', '', 'a..b', jwtWith({ sub: 'u1' }), jwtWith({ exp: 'soon' })])
      expect(accessExpiresAt(token)).toBeNull();
  });

  it('counts as expired from a few seconds before exp, and never when unknown', () => {
    expect(isAccessExpired(EXPIRED)).toBe(true);
    expect(isAccessExpired(VALID)).toBe(false);
    const almost = { accessToken: jwtWith({ exp: NOW / 1000 + 2 }), refreshToken: 'r' };
    expect(isAccessExpired(almost)).toBe(true);
    expect(isAccessExpired({ accessToken: 'opaque', refreshToken: 'r' })).toBe(false);
  });
});

describe('renew first', () => {
  it('refreshes an expired token before the request, which then goes out once, with the new token', async () => {
    setTokens(EXPIRED);
    const calls = serve(server());
    await expect(apiRequest('/api/me')).resolves.toEqual({ who: `Bearer ${NEW.accessToken}` });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/auth/refresh', 'GET /api/me']);
    expect(calls[0]?.body).toEqual({ refreshToken: 'refresh-old' });
    expect(getTokens()).toEqual(NEW);
  });

  it('sends a token that has not expired at once, without a refresh', async () => {
    setTokens(VALID);
    const calls = serve(server());
    await expect(apiRequest('/api/me')).resolves.toEqual({ who: `Bearer ${VALID.accessToken}` });
    expect(calls.map((c) => c.url)).toEqual(['/api/me']);
  });

  it('shares one refresh among the requests of a page that opens with an expired token', async () => {
    setTokens(EXPIRED);
    const answer = deferred<Response>();
    const calls = serve(server(() => answer.promise));
    const all = Promise.all([apiRequest('/api/me'), apiRequest('/api/articles'), usableTokens()]);
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh']);
    answer.resolve(json(200, NEW));
    const [me, articles, tokens] = await all;
    expect(me).toEqual({ who: `Bearer ${NEW.accessToken}` });
    expect(articles).toEqual({ who: `Bearer ${NEW.accessToken}` });
    expect(tokens).toEqual(NEW);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
    expect(calls.some((c) => c.headers.Authorization === `Bearer ${EXPIRED.accessToken}`)).toBe(false);
  });

  it('goes on as a guest when the session is over (the refresh token refused)', async () => {
    setTokens(EXPIRED);
    const calls = serve(server(() => apiError(401, 'REFRESH_INVALID')));
    await expect(apiRequest('/api/articles')).resolves.toEqual({ who: 'guest' });
    expect(getTokens()).toBeNull();
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/articles']);
  });

  it('keeps the tokens and sends the stored one when the refresh cannot reach the server', async () => {
    setTokens(EXPIRED);
    let reachable = false;
    const calls = serve((call) => {
      if (!reachable && call.url === '/api/auth/refresh') throw new TypeError('Failed to fetch');
      return server()(call);
    });
    await expect(usableTokens()).resolves.toEqual(EXPIRED);
    expect(getTokens()).toEqual(EXPIRED);
    // Back online: the next request renews first, and goes out with the new token.
    reachable = true;
    await expect(apiRequest('/api/me')).resolves.toEqual({ who: `Bearer ${NEW.accessToken}` });
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/auth/refresh', '/api/me']);
  });

  it('is null for a guest', async () => {
    serve(server());
    await expect(usableTokens()).resolves.toBeNull();
  });
});
