import { clearTokens, getTokens, isAccessExpired, setTokens, type SessionTokens } from '../state/tokens.js';
import { ApiError, isAbortError, toApiError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /**
   * The JSON body. A function is called at send time, and again for the retry after a token
   * refresh, so a body that names a token (sign-out) names the current one.
   */
  body?: object | (() => object);
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

const OFFLINE_MESSAGE = 'Cannot reach Parley. Check your connection and try again.';

function buildUrl(path: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function send(path: string, options: RequestOptions, accessToken: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const body = typeof options.body === 'function' ? options.body() : options.body;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError('NETWORK_ERROR', OFFLINE_MESSAGE, 0);
  }
}

function readTokens(body: unknown): SessionTokens | null {
  if (typeof body !== 'object' || body === null) return null;
  const { accessToken, refreshToken } = body as Record<string, unknown>;
  return typeof accessToken === 'string' && typeof refreshToken === 'string' ? { accessToken, refreshToken } : null;
}

/** Spends the refresh token once. Null when the server refused it or could not be reached. */
async function refreshOnce(current: SessionTokens): Promise<SessionTokens | null> {
  let response: Response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
  } catch {
    return null;
  }
  const fresh = response.ok ? readTokens(await readJson(response)) : null;
  if (fresh) {
    setTokens(fresh);
    return fresh;
  }
  // Refresh tokens are single-use: another tab may have spent this one a moment ago and stored
  // the successor. Only when nobody did is the session really over.
  const now = getTokens();
  if (now && now.refreshToken !== current.refreshToken) return now;
  if (response.status === 400 || response.status === 401) clearTokens();
  return null;
}

let refreshing: Promise<SessionTokens | null> | null = null;

/**
 * Gets a usable access token after `used` was refused as expired. Concurrent callers (HTTP requests
 * and the live socket) share one refresh, because the server rotates refresh tokens and a second
 * spend would be refused. Resolves with the tokens to use now (another caller may have renewed them
 * already), or null when the session is over (the tokens are then cleared) or the server cannot be
 * reached (the tokens are kept).
 */
export function renewTokens(used: SessionTokens): Promise<SessionTokens | null> {
  const current = getTokens();
  if (!current) return Promise.resolve(null);
  if (current.accessToken !== used.accessToken) return Promise.resolve(current);
  refreshing ??= refreshOnce(current).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * The tokens to sign with now. A stored access token whose `exp` has passed (a return visit after a
 * while, a tab woken from sleep) is renewed first, so the server never has to refuse it and the
 * console shows no 401. Resolves with null for a guest, or when the session turned out to be over;
 * when the server cannot be reached it resolves with the stored tokens, whose answer then says so.
 */
export async function usableTokens(now: number = Date.now()): Promise<SessionTokens | null> {
  const stored = getTokens();
  if (!stored || !isAccessExpired(stored, now)) return stored;
  return (await renewTokens(stored)) ?? getTokens();
}

async function finish<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const body = await readJson(response);
  if (!response.ok) throw toApiError(response.status, body);
  if (body === undefined)
    throw new ApiError('BAD_RESPONSE', 'The server sent an answer Parley cannot read.', response.status);
  return body as T;
}

/**
 * Calls the Parley API with JSON in and out, signed with the stored access token (renewed first
 * when its expiry has passed: usableTokens). An answer of 401 TOKEN_EXPIRED all the same (the
 * clocks disagree, or the token expiry could not be read) triggers one refresh (POST
 * /api/auth/refresh) and one retry. Resolves with the parsed body; rejects with an ApiError carrying the server's `{ code, message }`, or with the
 * AbortError of `options.signal`.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const stored = getTokens();
  // Awaited only when a renewal is due, so a request with a good token goes out at once.
  const used = stored && isAccessExpired(stored) ? await usableTokens() : stored;
  const response = await send(path, options, used?.accessToken);
  if (response.status !== 401 || !used) return finish<T>(response);

  const refused = toApiError(401, await readJson(response));
  if (refused.code !== 'TOKEN_EXPIRED') throw refused;
  const fresh = await renewTokens(used);
  if (!fresh) throw refused;
  return finish<T>(await send(path, options, fresh.accessToken));
}
