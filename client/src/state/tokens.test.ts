// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearTokens, getTokens, setTokens, subscribeTokens } from './tokens.js';

const PAIR = { accessToken: 'access-1', refreshToken: 'refresh-1' };

beforeEach(() => {
  window.localStorage.clear();
  setTokens(null);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** What another tab's write looks like here. */
function storageEvent(key: string | null): void {
  window.dispatchEvent(new StorageEvent('storage', { key }));
}

describe('tokens', () => {
  it('stores the pair in localStorage and reads it back', () => {
    expect(getTokens()).toBeNull();
    setTokens(PAIR);
    expect(getTokens()).toEqual(PAIR);
    expect(window.localStorage.getItem('parley.accessToken')).toBe('access-1');
    expect(window.localStorage.getItem('parley.refreshToken')).toBe('refresh-1');
  });

  it('forgets the pair on clear', () => {
    setTokens(PAIR);
    clearTokens();
    expect(getTokens()).toBeNull();
    expect(window.localStorage.getItem('parley.accessToken')).toBeNull();
  });

  it('reads half a pair as no session', () => {
    window.localStorage.setItem('parley.accessToken', 'only-access');
    expect(getTokens()).toBeNull();
  });

  it('always reads fresh, so a rotation by another tab is seen', () => {
    setTokens(PAIR);
    window.localStorage.setItem('parley.accessToken', 'access-2');
    expect(getTokens()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-1' });
  });

  it('tells listeners in this tab of every change, until they unsubscribe', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeTokens(listener);
    setTokens(PAIR);
    clearTokens();
    unsubscribe();
    setTokens(PAIR);
    expect(listener.mock.calls).toEqual([[PAIR], [null]]);
  });

  it('tells listeners of changes made in another tab, and of storage being cleared', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeTokens(listener);
    window.localStorage.setItem('parley.accessToken', 'a');
    window.localStorage.setItem('parley.refreshToken', 'r');
    storageEvent('parley.refreshToken');
    expect(listener).toHaveBeenLastCalledWith({ accessToken: 'a', refreshToken: 'r' });
    window.localStorage.clear();
    storageEvent(null);
    expect(listener).toHaveBeenLastCalledWith(null);
    storageEvent('parley.accessToken');
    expect(listener).toHaveBeenCalledTimes(3);

    storageEvent('someone.else');
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    storageEvent(null);
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('keeps the session for this page in memory when storage is unavailable', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    expect(() => window.localStorage).toThrow('insecure');
    const listener = vi.fn();
    const unsubscribe = subscribeTokens(listener);
    expect(getTokens()).toBeNull();
    setTokens(PAIR);
    expect(getTokens()).toEqual(PAIR);
    expect(listener).toHaveBeenCalledWith(PAIR);
    unsubscribe();

    // Nothing reached the real storage.
    vi.restoreAllMocks();
    expect(window.localStorage.getItem('parley.accessToken')).toBeNull();
  });

  it('forgets the in-memory session on clear when storage is unavailable', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    setTokens(PAIR);
    clearTokens();
    expect(getTokens()).toBeNull();
  });
});
