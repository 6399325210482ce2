// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../testing/deferred.js';
import { apiError, createFakeFetch, json, type FetchHandler } from '../testing/fake-fetch.js';
import { flushPromises } from '../testing/flush.js';
import { SessionProvider, useSession } from './session.js';
import { getTokens, setTokens } from './tokens.js';

const ADA = {
  id: 'u1',
  name: 'Ada',
  role: 'reader' as const,
  createdAt: '2025-01-01T00:00:00.000Z',
  email: null,
  ssoProvider: null,
};
const PAIR = { accessToken: 'access-1', refreshToken: 'refresh-1' };
const AUTH_ANSWER = { user: ADA, accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 900 };

function serve(handler: FetchHandler) {
  const fake = createFakeFetch(handler);
  vi.stubGlobal('fetch', fake.fetch);
  return fake.calls;
}

const wrapper = ({ children }: { children: ReactNode }) => createElement(SessionProvider, null, children);

function render() {
  return renderHook(() => useSession(), { wrapper });
}

async function settle(fn: () => unknown = () => undefined): Promise<void> {
  await act(async () => {
    void fn();
    await flushPromises();
  });
}

beforeEach(() => {
  window.localStorage.clear();
  setTokens(null);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SessionProvider', () => {
  it('starts as a guest without stored tokens, asking nothing', async () => {
    const calls = serve(() => json(200, {}));
    const { result } = render();
    await settle();
    expect(result.current.session).toEqual({ status: 'guest' });
    expect(result.current.user).toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('restores a stored session from GET /api/me', async () => {
    setTokens(PAIR);
    const calls = serve(() => json(200, { user: ADA }));
    const { result } = render();
    expect(result.current.session).toEqual({ status: 'restoring' });
    await settle();
    expect(calls[0]).toMatchObject({ url: '/api/me', headers: { Authorization: 'Bearer access-1' } });
    expect(result.current.session).toEqual({ status: 'signed-in', user: ADA });
    expect(result.current.user).toEqual(ADA);
  });

  it('forgets tokens the server no longer accepts', async () => {
    setTokens(PAIR);
    serve(() => apiError(401, 'TOKEN_INVALID'));
    const { result } = render();
    await settle();
    expect(result.current.session).toEqual({ status: 'guest' });
    expect(getTokens()).toBeNull();
  });

  it('keeps the tokens for a later reload when the server cannot be reached', async () => {
    setTokens(PAIR);
    serve(() => {
      throw new TypeError('Failed to fetch');
    });
    const { result } = render();
    await settle();
    expect(result.current.session).toEqual({ status: 'guest' });
    expect(getTokens()).toEqual(PAIR);
  });

  it('aborts the restore on unmount and ignores its answer', async () => {
    setTokens(PAIR);
    const answer = deferred<Response>();
    const calls = serve(() => answer.promise);
    const { unmount } = render();
    await settle();
    unmount();
    expect(calls[0]?.signal?.aborted).toBe(true);
    answer.resolve(apiError(401, 'TOKEN_INVALID'));
    await flushPromises();
    expect(getTokens()).toEqual(PAIR);
  });

  it('signs in: stores the tokens and resolves with the user', async () => {
    const calls = serve(() => json(200, AUTH_ANSWER));
    const { result } = render();
    let user: unknown;
    await settle(async () => (user = await result.current.signIn({ name: 'Ada', password: 'secret-password' })));
    expect(user).toEqual(ADA);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/auth/sign-in' });
    expect(getTokens()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(result.current.session).toEqual({ status: 'signed-in', user: ADA });
  });

  it('registers the same way', async () => {
    serve(() => json(201, AUTH_ANSWER));
    const { result } = render();
    await settle(() => result.current.register({ name: 'Ada', password: 'secret-password' }));
    expect(result.current.user).toEqual(ADA);
    expect(getTokens()?.accessToken).toBe('access-2');
  });

  it('rejects a refused sign-in and stays a guest', async () => {
    serve(() => apiError(401, 'INVALID_CREDENTIALS', 'Wrong name or password.'));
    const { result } = render();
    let failure: unknown;
    await settle(() =>
      result.current.signIn({ name: 'Ada', password: 'wrong-password' }).catch((e: unknown) => (failure = e)),
    );
    expect(failure).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(result.current.session).toEqual({ status: 'guest' });
    expect(getTokens()).toBeNull();
  });

  it('signs out: revokes the refresh token on the server and forgets the session', async () => {
    setTokens(PAIR);
    const calls = serve((call) =>
      call.url === '/api/me' ? json(200, { user: ADA }) : new Response(null, { status: 204 }),
    );
    const { result } = render();
    await settle();
    await settle(() => result.current.signOut());
    expect(calls[1]).toMatchObject({ method: 'POST', url: '/api/auth/sign-out', body: { refreshToken: 'refresh-1' } });
    expect(getTokens()).toBeNull();
    expect(result.current.session).toEqual({ status: 'guest' });
  });

  it('signs out here even when the server cannot be told', async () => {
    setTokens(PAIR);
    serve((call) => {
      if (call.url === '/api/me') return json(200, { user: ADA });
      throw new TypeError('Failed to fetch');
    });
    const { result } = render();
    await settle();
    await settle(() => result.current.signOut());
    expect(getTokens()).toBeNull();
    expect(result.current.session).toEqual({ status: 'guest' });
  });

  it('signs out a guest without asking the server', async () => {
    const calls = serve(() => json(200, {}));
    const { result } = render();
    await settle(() => result.current.signOut());
    expect(calls).toHaveLength(0);
  });

  it('ends the session when another tab signs out', async () => {
    setTokens(PAIR);
    serve(() => json(200, { user: ADA }));
    const { result } = render();
    await settle();
    await settle(() => {
      window.localStorage.clear();
      window.dispatchEvent(new StorageEvent('storage', { key: null }));
    });
    expect(result.current.session).toEqual({ status: 'guest' });
  });
});

describe('useSession', () => {
  it('refuses to work outside the provider', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useSession())).toThrow('useSession must be used inside <SessionProvider>');
    spy.mockRestore();
  });
});
