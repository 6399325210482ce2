/**
 * The page's one socket.io connection. It is created on first use and lives as long as the page.
 * The handshake is a function, so every (re)connect sends the access token current at that moment,
 * renewed first when its expiry has passed. A handshake refused because the token expired all the
 * same renews it through the API client (one refresh shared with HTTP requests) and connects again.
 * Signing in or out reconnects, so the server sees the new identity.
 */
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../shared/events.js';
import { renewTokens } from '../api/client.js';
import { getTokens, isAccessExpired, type SessionTokens } from '../state/tokens.js';
import type { ParleyClientSocket } from './requests.js';

/**
 * - connecting: before the first connection (or after a sign-in or sign-out)
 * - connected
 * - reconnecting: the connection dropped; socket.io or this module is retrying
 * - refused: the server will not accept this client (another protocol version); `message` says why
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  message: string | null;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;
/** Refreshing and still being refused this many times in a row means the token will not do. */
const MAX_AUTH_RETRIES = 3;

let socket: ParleyClientSocket | null = null;
/** Whom the socket speaks for: a user id, or null for a guest. */
let identity: string | null = null;
/** The tokens the last handshake carried, so a refresh another caller already did is reused. */
let sentTokens: SessionTokens | null = null;
let state: ConnectionState = { status: 'connecting', message: null };
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = RETRY_MIN_MS;
let authRetries = 0;
const listeners = new Set<() => void>();

function setState(status: ConnectionStatus, message: string | null = null): void {
  if (state.status === status && state.message === message) return;
  state = { status, message };
  for (const listener of listeners) listener();
}

function clearRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

/** Tries again later, waiting longer after each failure. */
function retryLater(s: ParleyClientSocket): void {
  clearRetry();
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (!s.active) s.connect();
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

function refusalOf(err: Error): { code: string; message: string } | null {
  const data = (err as Error & { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const { code, message } = data as { code?: unknown; message?: unknown };
  return typeof code === 'string' ? { code, message: typeof message === 'string' ? message : err.message } : null;
}

/**
 * A refused handshake. socket.io retries transport failures by itself (`active` stays true); a
 * refusal from the server's middleware stops the socket, and this decides whether to go again.
 */
async function onConnectError(s: ParleyClientSocket, err: Error): Promise<void> {
  if (s.active) {
    if (state.status === 'connected') setState('reconnecting');
    return;
  }
  const refusal = refusalOf(err);
  if (refusal?.code === 'TOKEN_EXPIRED' || refusal?.code === 'TOKEN_INVALID') {
    authRetries += 1;
    const used = sentTokens;
    const fresh = used && authRetries <= MAX_AUTH_RETRIES ? await renewTokens(used) : null;
    if (s.active || s.connected) return; // connectAs() went ahead meanwhile
    if (fresh) {
      s.connect();
    } else if (!getTokens() || authRetries > MAX_AUTH_RETRIES) {
      // The session is over: carry on as a guest. The session context notices the cleared tokens
      // and the discussion starts again as a guest.
      identity = null;
      s.connect();
    } else {
      retryLater(s); // the refresh could not reach the server
    }
    return;
  }
  if (refusal?.code === 'PROTOCOL_MISMATCH') {
    setState('refused', refusal.message);
    return;
  }
  setState(state.status === 'connecting' ? 'connecting' : 'reconnecting');
  retryLater(s);
}

function create(): ParleyClientSocket {
  const s: ParleyClientSocket = io({
    autoConnect: false,
    transports: ['websocket'],
    auth: (cb) => {
      const send = (tokens: SessionTokens | null) => {
        sentTokens = tokens;
        cb(tokens ? { protocol: PROTOCOL_VERSION, token: tokens.accessToken } : { protocol: PROTOCOL_VERSION });
      };
      // A guest (as far as this page knows) connects without a token, even if one is stored.
      const stored = identity === null ? null : getTokens();
      if (!stored || !isAccessExpired(stored)) return send(stored);
      // Known to have expired (a return visit): renewed before it is sent, so the server need not
      // refuse it. Offline, the stored one goes, and its refusal takes the usual way below.
      void renewTokens(stored).then((fresh) => send(fresh ?? getTokens()));
    },
  });
  s.on('connect', () => {
    clearRetry();
    retryDelay = RETRY_MIN_MS;
    authRetries = 0;
    setState('connected');
  });
  s.on('disconnect', (reason) => {
    setState('reconnecting');
    // The server ended the connection on purpose: socket.io does not retry that by itself.
    if (reason === 'io server disconnect') retryLater(s);
  });
  s.on('connect_error', (err) => void onConnectError(s, err));
  return s;
}

/**
 * The page's socket, connected as `userId` (null: a guest). Reconnects when the identity differs
 * from the one the socket speaks for now, and connects a socket that has stopped.
 */
export function connectAs(userId: string | null): ParleyClientSocket {
  socket ??= create();
  if (identity !== userId && (socket.connected || socket.active)) {
    // A deliberate disconnect is not recoverable on the server, so the next handshake runs the
    // auth middleware again with the new token.
    socket.disconnect();
    setState('connecting');
  }
  identity = userId;
  if (!socket.connected && !socket.active) {
    clearRetry();
    authRetries = 0;
    socket.connect();
  }
  return socket;
}

/** The connection state now; a new object whenever it changes (for useSyncExternalStore). */
export function getConnectionState(): ConnectionState {
  return state;
}

/** Calls `listener` whenever the connection state changes. Returns the unsubscribe function. */
export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
