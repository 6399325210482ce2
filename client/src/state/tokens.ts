/**
 * The signed-in session's tokens, kept in localStorage so a reload (or another tab) stays signed in.
 * The API client reads them for every request; the session context listens for changes so that a
 * failed refresh, or a sign-out in another tab, signs this tab out too.
 */

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const ACCESS_KEY = 'parley.accessToken';
const REFRESH_KEY = 'parley.refreshToken';

type Listener = (tokens: SessionTokens | null) => void;
const listeners = new Set<Listener>();

/** localStorage can throw (private modes, disabled storage); then the session lasts for this page only. */
let memoryFallback: SessionTokens | null = null;

function readStorage(): SessionTokens | null {
  try {
    const accessToken = window.localStorage.getItem(ACCESS_KEY);
    const refreshToken = window.localStorage.getItem(REFRESH_KEY);
    return accessToken && refreshToken ? { accessToken, refreshToken } : null;
  } catch {
    return memoryFallback;
  }
}

/** The stored tokens, or null for a guest. Always read fresh: another tab may have rotated them. */
export function getTokens(): SessionTokens | null {
  return readStorage();
}

/** Stores (or with null, forgets) the tokens and tells every listener in this tab. */
export function setTokens(tokens: SessionTokens | null): void {
  memoryFallback = tokens;
  try {
    if (tokens) {
      window.localStorage.setItem(ACCESS_KEY, tokens.accessToken);
      window.localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
    } else {
      window.localStorage.removeItem(ACCESS_KEY);
      window.localStorage.removeItem(REFRESH_KEY);
    }
  } catch {
    // Storage unavailable: the in-memory copy above carries the session for this page.
  }
  for (const listener of listeners) listener(tokens);
}

/** Drops the tokens, for sign-out and for a session the server no longer accepts. */
export function clearTokens(): void {
  setTokens(null);
}

/**
 * Calls `listener` whenever the tokens change, in this tab or (through the `storage` event) in
 * another tab of the same origin. Returns the unsubscribe function.
 */
export function subscribeTokens(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === ACCESS_KEY || event.key === REFRESH_KEY) listener(readStorage());
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * When the access token stops being accepted, in ms since the epoch, read from its `exp` claim (the
 * token is a JWT; its payload is base64url JSON). Null when the token cannot be read or has no
 * `exp`: the server is then the one to say whether it still holds. Nothing is verified here.
 */
export function accessExpiresAt(accessToken: string): number | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Renew this long before the stored expiry: a request signed a moment before `exp` would reach the
 * server after it, and this page's clock may run a little behind the server's.
 */
export const EXPIRY_MARGIN_MS = 5_000;

/**
 * Whether the stored access token is known to have expired (or to expire within EXPIRY_MARGIN_MS)
 * at `now`. A token whose expiry cannot be read counts as not expired.
 */
export function isAccessExpired(tokens: SessionTokens, now: number = Date.now()): boolean {
  const expiresAt = accessExpiresAt(tokens.accessToken);
  return expiresAt !== null && expiresAt - EXPIRY_MARGIN_MS <= now;
}
