// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTokens, setTokens, subscribeTokens } from '../state/tokens.js';
import { deferred } from '../testing/deferred.js';
import { flushPromises } from '../testing/flush.js';
import { apiError, createFakeFetch, json, type FetchHandler } from '../testing/fake-fetch.js';
import { apiRequest, renewTokens } from './client.js';
import { ApiError } from './errors.js';

const OLD = { accessToken: 'access-old', refreshToken: 'refresh-old' };
const NEW = { accessToken: 'access-new', refreshToken: 'refresh-new' };

/** Installs a fake fetch answering with `handler`; returns its calls. */
function serve(handler: FetchHandler) {
  const fake = createFakeFetch(handler);
  vi.stubGlobal('fetch', fake.fetch);
  return fake.calls;
}

/** A server whose access tokens expire: `access-old` is refused, `/api/auth/refresh` rotates. */
function expiringServer(refresh: () => Response | Promise<Response> = () => json(200, NEW)): FetchHandler {
  return (call) => {
    if (call.url === '/api/auth/refresh') return refresh();
    if (call.headers.Authorization === 'Bearer access-old') return apiError(401, 'TOKEN_EXPIRED');
    return json(200, { who: call.headers.Authorization ?? 'guest', url: call.url });
  };
}

beforeEach(() => {
  window.localStorage.clear();
  setTokens(null);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
  it('sends a GET with JSON accepted and no token for a guest, and resolves with the body', async () => {
    const calls = serve(() => json(200, { items: [1] }));
    await expect(apiRequest('/api/articles')).resolves.toEqual({ items: [1] });
    expect(calls).toEqual([
      {
        url: '/api/articles',
        method: 'GET',
        headers: { Accept: 'application/json' },
        body: undefined,
        signal: undefined,
      },
    ]);
  });

  it('builds the query, leaving out undefined values', async () => {
    const calls = serve(() => json(200, {}));
    await apiRequest('/api/x', { query: { after: 'c 1', limit: 20, skip: undefined } });
    await apiRequest('/api/y', { query: { skip: undefined } });
    expect(calls.map((c) => c.url)).toEqual(['/api/x?after=c+1&limit=20', '/api/y']);
  });

  it('signs with the stored token and sends a JSON body', async () => {
    setTokens(OLD);
    const calls = serve(() => json(201, { ok: true }));
    const controller = new AbortController();
    await apiRequest('/api/things', { method: 'POST', body: { name: 'x' }, signal: controller.signal });
    expect(calls[0]).toEqual({
      url: '/api/things',
      method: 'POST',
      headers: { Accept: 'application/json', Authorization: 'Bearer access-old', 'Content-Type': 'application/json' },
      body: { name: 'x' },
      signal: controller.signal,
    });
  });

  it('resolves with undefined for 204 No Content', async () => {
    serve(() => new Response(null, { status: 204 }));
    await expect(apiRequest('/api/x', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('refuses a success it cannot read', async () => {
    serve(() => new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
    serve(() => new Response('{broken', { status: 200, headers: { 'content-type': 'application/json' } }));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it("rejects with the server's error", async () => {
    serve(() => apiError(404, 'NOT_FOUND', 'No such article.'));
    const error = await apiRequest('/api/articles/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No such article.', status: 404 });
  });

  it('rejects with NETWORK_ERROR (status 0) when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(apiRequest('/api/x')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      message: 'Cannot reach Parley. Check your connection and try again.',
    });
  });

  it('passes an abort through as it is', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw abort;
      }),
    );
    await expect(apiRequest('/api/x')).rejects.toBe(abort);
  });

  it('does not refresh for a 401 without a session, or for a 401 other than an expired token', async () => {
    const calls = serve(() => apiError(401, 'UNAUTHENTICATED'));
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    setTokens(OLD);
    serve(() => apiError(401, 'TOKEN_INVALID'));
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(calls).toHaveLength(1);
    expect(getTokens()).toEqual(OLD);
  });

  it('refreshes an expired token once, stores the new pair and retries with it', async () => {
    setTokens(OLD);
    const calls = serve(expiringServer());
    const seen = vi.fn();
    const unsubscribe = subscribeTokens(seen);

    await expect(apiRequest('/api/me')).resolves.toEqual({ who: 'Bearer access-new', url: '/api/me' });
    unsubscribe();

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me', 'POST /api/auth/refresh', 'GET /api/me']);
    expect(calls[1]?.body).toEqual({ refreshToken: 'refresh-old' });
    expect(getTokens()).toEqual(NEW);
    expect(seen).toHaveBeenCalledWith(NEW);
  });

  it('calls a body function again for the retry, so it names the current tokens', async () => {
    setTokens(OLD);
    const calls = serve(expiringServer());
    await apiRequest('/api/auth/sign-out', {
      method: 'POST',
      body: () => ({ refreshToken: getTokens()?.refreshToken }),
    });
    expect(calls.filter((c) => c.url === '/api/auth/sign-out').map((c) => c.body)).toEqual([
      { refreshToken: 'refresh-old' },
      { refreshToken: 'refresh-new' },
    ]);
  });

  it('shares one refresh among requests refused at the same time', async () => {
    setTokens(OLD);
    const answer = deferred<Response>();
    const calls = serve(expiringServer(() => answer.promise));
    const both = Promise.all([apiRequest('/api/a'), apiRequest('/api/b')]);
    await flushPromises();
    expect(calls.map((c) => c.url)).toEqual(['/api/a', '/api/b', '/api/auth/refresh']);
    answer.resolve(json(200, NEW));
    await expect(both).resolves.toEqual([
      { who: 'Bearer access-new', url: '/api/a' },
      { who: 'Bearer access-new', url: '/api/b' },
    ]);
    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused, and rejects with the first refusal', async () => {
    setTokens(OLD);
    serve(expiringServer(() => apiError(401, 'REFRESH_INVALID')));
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(getTokens()).toBeNull();
  });

  it('uses the tokens another tab stored when its own refresh token was already spent', async () => {
    setTokens(OLD);
    serve(
      expiringServer(() => {
        setTokens(NEW); // the other tab won the race
        return apiError(401, 'REFRESH_INVALID');
      }),
    );
    await expect(apiRequest('/api/me')).resolves.toEqual({ who: 'Bearer access-new', url: '/api/me' });
    expect(getTokens()).toEqual(NEW);
  });

  it('keeps the tokens when the refresh fails for another reason', async () => {
    setTokens(OLD);
    serve(expiringServer(() => apiError(503, 'STORE_UNAVAILABLE')));
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(getTokens()).toEqual(OLD);

    serve(expiringServer(() => json(200, { accessToken: 'only-half' })));
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(getTokens()).toEqual(OLD);
  });

  it('keeps the tokens when the refresh cannot reach the server', async () => {
    setTokens(OLD);
    serve(
      expiringServer(() => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(apiRequest('/api/me')).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(getTokens()).toEqual(OLD);
  });
});

describe('renewTokens', () => {
  it('answers null without a session, without asking the server', async () => {
    const calls = serve(() => json(200, NEW));
    await expect(renewTokens(OLD)).resolves.toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('answers the current tokens when someone already renewed the ones used', async () => {
    setTokens(NEW);
    const calls = serve(() => json(200, {}));
    await expect(renewTokens(OLD)).resolves.toEqual(NEW);
    expect(calls).toHaveLength(0);
  });

  it('refreshes again after an earlier refresh finished', async () => {
    setTokens(OLD);
    const calls = serve(() => json(200, NEW));
    await expect(renewTokens(OLD)).resolves.toEqual(NEW);
    setTokens(OLD);
    await expect(renewTokens(OLD)).resolves.toEqual(NEW);
    expect(calls).toHaveLength(2);
  });
});
