/**
 * One live connection to a collaborative document: a Y.Doc kept in step with the server by the
 * stock y-websocket `WebsocketProvider` on /collab/<document name>. A signed-in user's connection
 * carries a single-use ticket asked of POST /api/collab/ticket just before each attempt (the
 * access token never goes in a URL, docs/COLLAB.md "Tickets"); a guest's carries none.
 *
 * The provider never reconnects by itself after the server or the network closes the socket,
 * because its next attempt would reuse a spent ticket: this module does, with the provider's
 * backoff, after asking a fresh ticket. A 4001 (the ticket was refused, say it expired while a
 * phone slept) asks a new one a few times; other 4000-range refusals are final until `retry()`;
 * anything else (server restart, network loss, 4029 too busy) is retried.
 */
import { CloseCode, isPermanentClose } from '../../../shared/close-codes.js';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renewTokens } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import { getTokens } from '../state/tokens.js';
import { getCollabTicket } from './api.js';

/**
 * - connecting: before the first sync
 * - connected: synced with the server
 * - reconnecting: the connection dropped after a sync; a new attempt is on its way
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
/** A refused ticket asked again this many times in a row means the session will not do. */
const MAX_AUTH_RETRIES = 3;
/** Waits after a ticket request that could not reach the server. */
const OFFLINE_RETRY_MS = 5_000;

const REFUSALS: Record<number, string> = {
  [CloseCode.MALFORMED]: 'The server could not read a message from this page.',
  [CloseCode.UNAUTHENTICATED]: 'Your sign-in could not be renewed. Sign in again to edit.',
  [CloseCode.READ_ONLY]: 'You may no longer edit this summary.',
  [CloseCode.NOT_FOUND]: 'This position no longer exists.',
  [CloseCode.UPDATE_TOO_LARGE]: 'A change was too large to send.',
  [CloseCode.DOCUMENT_TOO_LARGE]: 'The summary has reached its size limit.',
};

/** ws(s)://<this origin>/collab; the provider appends `/<document name>?ticket=…`. */
export function collabServerUrl(): string {
  return `${window.location.origin.replace(/^http/, 'ws')}/collab`;
}

/** The close code a failed ticket request stands for: the same refusal the socket would give. */
function closeCodeOfTicketError(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'NOT_FOUND') return CloseCode.NOT_FOUND;
  if (error.status === 401) return UNAUTHENTICATED;
  return null;
}

/** Opens the connection at once; the caller owns it and must `destroy()` it. */
export function openCollabConnection(docName: string): DocConnection {
  const doc = new Y.Doc();
  const listeners = new Set<() => void>();
  let status: CollabStatus = { state: 'connecting' };
  let synced = false;
  let destroyed = false;
  let authRetries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (next: CollabStatus): void => {
    if (destroyed) return;
    status = next;
    for (const listener of listeners) listener();
  };
  const refuse = (code: number): void =>
    setStatus({ state: 'refused', code, message: REFUSALS[code] ?? `The server closed the connection (${code}).` });
  const later = (ms: number): void => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void attempt(), ms);
  };

  const provider = new WebsocketProvider(collabServerUrl(), docName, doc, {
    connect: false,
    // The server is the only authority on who may write: no edits pass between tabs behind its back.
    disableBc: true,
    // Every close is handled below: a reconnect needs a fresh ticket first.
    shouldReconnect: () => false,
  });

  /**
   * A ticket for this document. An access token refused for another reason than expiry (which the
   * API client renews by itself) gets one refresh too, as a refused socket did before tickets.
   */
  async function askTicket(): Promise<string> {
    try {
      return (await getCollabTicket(docName)).ticket;
    } catch (error) {
      const used = getTokens();
      if (!(error instanceof ApiError && error.status === 401 && error.code !== 'TOKEN_EXPIRED') || !used) throw error;
      if (!(await renewTokens(used))) throw error;
      return (await getCollabTicket(docName)).ticket;
    }
  }

  /** One connection attempt: a fresh ticket when signed in (none for a guest), then the socket. */
  async function attempt(): Promise<void> {
    retryTimer = null;
    let params: Record<string, string> = {};
    if (getTokens()) {
      try {
        params = { ticket: await askTicket() };
      } catch (error) {
        if (destroyed) return;
        const code = closeCodeOfTicketError(error);
        if (code === null) return later(OFFLINE_RETRY_MS); // offline, or the server is restarting
        return refuse(code);
      }
    }
    if (destroyed) return;
    provider.params = params;
    provider.connect();
  }

  provider.on('sync', (isSynced) => {
    if (!isSynced) return;
    synced = true;
    authRetries = 0;
    setStatus({ state: 'connected' });
  });
  provider.on('connection-close', () => {
    if (status.state === 'connected') setStatus({ state: 'reconnecting' });
  });
  provider.on('closed', ({ code }) => {
    if (destroyed) return;
    if (code === UNAUTHENTICATED) {
      // The ticket was refused (expired while the tab slept, or already spent): ask another.
      if (++authRetries > MAX_AUTH_RETRIES) return refuse(UNAUTHENTICATED);
      return void attempt();
    }
    if (isPermanentClose(code)) return refuse(code);
    // Network loss, server restart, 4029: back off as the provider would, then a fresh ticket.
    later(Math.min(2 ** provider.wsUnsuccessfulReconnects * 100, provider.maxBackoffTime));
  });

  void attempt();

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
      void attempt();
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
