/**
 * One live connection to a collaborative document: a Y.Doc kept in step with the server by the
 * stock y-websocket `WebsocketProvider` on /collab/<document name>, signed with the access token
 * current at each (re)connect. A close with 4001 (token expired or invalid) renews the tokens
 * through the API client, so HTTP requests, the live socket and this share one refresh, and
 * connects again. Other 4000-range refusals are final until `retry()`; anything else (server
 * restart, network loss, 4029 too busy) is retried by the provider with backoff.
 */
import { CloseCode, isPermanentClose } from '../../../shared/close-codes.js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renewTokens } from '../api/client.js';
import { getTokens, type SessionTokens } from '../state/tokens.js';

/**
 * - connecting: before the first sync
 * - connected: synced with the server
 * - reconnecting: the connection dropped after a sync; the provider is retrying
 * - refused: the server closed with a code that retrying will not fix; `message` says why
 */
export type CollabStatus =
  { state: 'connecting' | 'connected' | 'reconnecting' } | { state: 'refused'; code: number; message: string };

export interface DocConnection {
  readonly docName: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  status(): CollabStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Connects again after a refusal. */
  retry(): void;
  /** Closes the socket and frees the document. */
  destroy(): void;
}

const { UNAUTHENTICATED } = CloseCode;
/** Renewing and still being refused this many times in a row means the token will not do. */
const MAX_AUTH_RETRIES = 3;
const OFFLINE_RETRY_MS = 5_000;

const REFUSALS: Record<number, string> = {
  [CloseCode.MALFORMED]: 'The server could not read a message from this page.',
  [CloseCode.UNAUTHENTICATED]: 'Your sign-in could not be renewed. Sign in again to edit.',
  [CloseCode.READ_ONLY]: 'You may no longer edit this summary.',
  [CloseCode.NOT_FOUND]: 'This position no longer exists.',
  [CloseCode.UPDATE_TOO_LARGE]: 'A change was too large to send.',
  [CloseCode.DOCUMENT_TOO_LARGE]: 'The summary has reached its size limit.',
};

/** ws(s)://<this origin>/collab; the provider appends `/<document name>?token=…`. */
export function collabServerUrl(): string {
  return `${window.location.origin.replace(/^http/, 'ws')}/collab`;
}

/** Transient closes are retried by the provider; permanent refusals are not. */
const isTransient = (code: number): boolean => !isPermanentClose(code);

/** Opens the connection at once; the caller owns it and must `destroy()` it. */
export function openCollabConnection(docName: string): DocConnection {
  const doc = new Y.Doc();
  const listeners = new Set<() => void>();
  let status: CollabStatus = { state: 'connecting' };
  let synced = false;
  let destroyed = false;
  let authRetries = 0;
  /** The tokens the current connection attempt carries. */
  let sent: SessionTokens | null = null;
  /** The tokens of the attempt that just closed: the ones a 4001 refused (renewTokens reuses a refresh another caller did). */
  let closedWith: SessionTokens | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (next: CollabStatus): void => {
    if (destroyed) return;
    status = next;
    for (const listener of listeners) listener();
  };
  const tokenParams = (tokens: SessionTokens | null): Record<string, string> => {
    sent = tokens;
    return tokens ? { token: tokens.accessToken } : {};
  };

  const provider = new WebsocketProvider(collabServerUrl(), docName, doc, {
    connect: false,
    // The server is the only authority on who may write: no edits pass between tabs behind its back.
    disableBc: true,
    params: tokenParams(getTokens()),
    shouldReconnect: (event) => isTransient(event.code),
  });

  provider.on('sync', (isSynced) => {
    if (!isSynced) return;
    synced = true;
    authRetries = 0;
    setStatus({ state: 'connected' });
  });
  provider.on('connection-close', () => {
    // The next attempt carries whatever token is current then (another tab may have rotated it).
    closedWith = sent;
    provider.params = tokenParams(getTokens());
    if (status.state === 'connected') setStatus({ state: 'reconnecting' });
  });
  provider.on('closed', ({ code }) => {
    if (code === UNAUTHENTICATED) void renewAndConnect();
    else
      setStatus({ state: 'refused', code, message: REFUSALS[code] ?? `The server closed the connection (${code}).` });
  });

  async function renewAndConnect(): Promise<void> {
    authRetries++;
    const used = closedWith;
    const fresh = used && authRetries <= MAX_AUTH_RETRIES ? await renewTokens(used) : null;
    if (destroyed) return;
    if (fresh) {
      provider.params = tokenParams(fresh);
      provider.connect();
      return;
    }
    const now = getTokens();
    if (now && authRetries <= MAX_AUTH_RETRIES) {
      // The refresh could not reach the server (the tokens are kept): try again in a while.
      retryTimer = setTimeout(() => {
        provider.params = tokenParams(getTokens());
        provider.connect();
      }, OFFLINE_RETRY_MS);
      return;
    }
    setStatus({ state: 'refused', code: UNAUTHENTICATED, message: REFUSALS[UNAUTHENTICATED]! });
  }

  provider.connect();

  return {
    docName,
    doc,
    provider,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry() {
      if (status.state !== 'refused') return;
      authRetries = 0;
      setStatus({ state: synced ? 'reconnecting' : 'connecting' });
      provider.params = tokenParams(getTokens());
      provider.connect();
    },
    destroy() {
      destroyed = true;
      if (retryTimer) clearTimeout(retryTimer);
      listeners.clear();
      provider.destroy();
      doc.destroy();
    },
  };
}
