/**
 * Helpers for the /collab tests: a debate with a roster and tokens for everyone on it, stock
 * y-websocket providers in Node (the `ws` package as their WebSocket), raw sockets for hostile
 * traffic, and waiting for a condition.
 */
import { WebsocketProvider } from 'y-websocket';
import * as authProtocol from 'y-protocols/auth';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Store } from '../../server/store/store.js';
import { api, signInAs } from './server.js';
import { WAIT_MS, waitUntil, within } from './wait.js';

export interface Roster {
  debateId: string;
  /** Document name of the first position's summary (For: alice and bob) and of the second (Against: carol). */
  forDoc: string;
  againstDoc: string;
  tokens: { host: string; alice: string; bob: string; carol: string; reader: string; moderator: string };
}

/**
 * Signs in the demo host, reader and moderator, makes debaters alice, bob and carol, and creates a
 * debate on the demo article with positions For (alice, bob) and Against (carol).
 */
export async function setUpDebate(base: string, sign: (name: string) => Promise<string>): Promise<Roster> {
  const [host, reader, moderator] = await Promise.all([
    signInAs(base, 'host'),
    signInAs(base, 'reader'),
    signInAs(base, 'moderator'),
  ]);
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(sign));
  const me = async (token: string) => (await api(base, '/api/me', { token })).body.user.id as string;
  const article = (await api(base, '/api/articles/pakistan-afghanistan-peace-talks')).body.article;
  const made = await api(base, '/api/debates', {
    token: moderator,
    body: {
      articleId: article.id,
      hostId: await me(host),
      motion: 'Talks will bring peace',
      positions: [
        { name: 'For', debaterIds: [await me(alice!), await me(bob!)] },
        { name: 'Against', debaterIds: [await me(carol!)] },
      ],
    },
  });
  if (made.status !== 201) throw new Error(`debate not created: ${made.status} ${JSON.stringify(made.body)}`);
  const { debate } = made.body;
  return {
    debateId: debate.id,
    forDoc: debate.positions[0].docName,
    againstDoc: debate.positions[1].docName,
    tokens: { host, reader, moderator, alice: alice!, bob: bob!, carol: carol! },
  };
}

/** Registers a user straight in the store and signs an access token for them (an in-process server). */
export function storeSigner(parley: {
  deps: { store: Store; tokens: { signAccess(c: { sub: string; role: 'reader'; name: string }): string } };
}) {
  return async (name: string): Promise<string> => {
    const user = await parley.deps.store.createUser({
      name,
      nameKey: name,
      passwordHash: null,
      role: 'reader',
      email: null,
      ssoProvider: null,
      ssoSubject: null,
    });
    return parley.deps.tokens.signAccess({ sub: user.id, role: 'reader', name });
  };
}

/**
 * A user (a reader) hosting a one-position debate, straight in the store: the smallest setup with a
 * summary document that user may edit, for tests of /collab on a bare server.
 */
export async function storeHostedDebate(store: Store, name = 'host'): Promise<{ userId: string; debateId: string }> {
  const user = await store.createUser({
    name,
    nameKey: name,
    passwordHash: null,
    role: 'reader',
    email: null,
    ssoProvider: null,
    ssoSubject: null,
  });
  const debate = await store.createDebate({
    articleId: 'a',
    hostId: user.id,
    motion: 'm',
    positions: [{ id: 'p1', name: 'For', debaterIds: [] }],
  });
  return { userId: user.id, debateId: debate.id };
}

/** Registers a user over HTTP (a server in another process). */
export function httpSigner(base: string) {
  return async (name: string): Promise<string> => {
    const { status, body } = await api(base, '/api/auth/register', { body: { name, password: `password-${name}` } });
    if (status !== 201 && status !== 200) throw new Error(`register ${name}: ${status} ${JSON.stringify(body)}`);
    return body.accessToken as string;
  };
}

/** The y-websocket message type of the auth protocol (server/collab/protocol.ts). */
const MESSAGE_AUTH = 2;

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, in order. */
  closes: Array<{ code: number; reason: string }>;
  /** Reasons of the protocol's permission-denied messages the server sent (READ_ONLY, BANNED, MUTED…). */
  denied: string[];
  synced: Promise<void>;
  /** Connects again with a fresh ticket (a ticket works once), as the browser client does. */
  reconnect(): Promise<void>;
  destroy(): void;
}

/**
 * A ticket for `token`'s user to open `docName` once (POST /api/collab/ticket), as the browser
 * client asks one before every connection. Throws with the server's answer when refused.
 */
export async function ticketFor(base: string, docName: string, token: string): Promise<string> {
  const { status, body } = await api(base, '/api/collab/ticket', { token, body: { doc: docName } });
  if (status !== 201) throw new Error(`no ticket for ${docName}: ${status} ${JSON.stringify(body)}`);
  return body.ticket as string;
}

/**
 * A stock WebsocketProvider on `<base>/collab/<docName>`, signed in with a ticket when `token` is
 * given (a guest without); it does not reconnect by itself after the server closes it.
 */
export function connect(base: string, docName: string, token?: string): Client {
  const doc = new Y.Doc();
  const closes: Client['closes'] = [];
  const provider = new WebsocketProvider(`${base.replace(/^http/, 'ws')}/collab`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    connect: false,
    // In one Node process every provider of a room would otherwise also sync through a BroadcastChannel, past the server.
    disableBc: true,
    shouldReconnect: () => false,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) });
  });
  // Recorded instead of the stock handler's console warning.
  const denied: string[] = [];
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) =>
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denied.push(reason));
  let ticketRefused: (err: unknown) => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    ticketRefused = reject;
    if (provider.synced) resolve();
    provider.on('sync', (state: boolean) => state && resolve());
  });
  // Whoever awaits `synced` sees the refusal; nobody awaiting it is no unhandled rejection.
  synced.catch(() => undefined);
  let destroyed = false;
  const reconnect = async () => {
    provider.params = token ? { ticket: await ticketFor(base, docName, token) } : {};
    if (!destroyed) provider.connect();
  };
  // A first ticket refused makes `synced` reject with the server's answer, instead of never resolving.
  reconnect().catch((err: unknown) => ticketRefused(err));
  return {
    doc,
    provider,
    closes,
    denied,
    synced,
    reconnect,
    destroy() {
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves once `check` returns true (polled), or rejects after `ms` with `what` (generous: see wait.ts). */
export function waitFor(check: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  return waitUntil(check, what, ms);
}

/**
 * Resolves true once the server answers a ping sent now on `ws`, false if it closes the
 * connection first. The server reads one connection's frames in order and handles each as it reads
 * it, so a pong means it has handled every frame this client sent before the ping (and a close that
 * one of them caused would have come first). Used as the marker that something did not happen.
 */
export function pong(ws: WebSocket): Promise<boolean> {
  if (ws.readyState !== ws.OPEN) return Promise.resolve(false);
  return within(
    WAIT_MS,
    'a pong or a close',
    new Promise<boolean>((resolve) => {
      ws.once('pong', () => resolve(true));
      ws.once('close', () => resolve(false));
      ws.ping();
    }),
  );
}

export interface RawSocket {
  ws: WebSocket;
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  received: Uint8Array[];
}

/**
 * A bare WebSocket to /collab/<docName> with `params` in its query (a `ticket`, or whatever a test
 * wants to try), for hand-made and hostile frames.
 */
export function rawSocket(
  base: string,
  docName: string,
  params: Record<string, string> = {},
  maxPayload?: number,
): RawSocket {
  const query = new URLSearchParams(params).toString();
  const url = `${base.replace(/^http/, 'ws')}/collab/${docName}${query ? `?${query}` : ''}`;
  const ws = new WebSocket(url, maxPayload ? { maxPayload } : {});
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before open')));
  });
  opened.catch(() => undefined);
  return {
    ws,
    received,
    opened,
    closed: new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))),
  };
}

/** The summary as the client renders it (a TipTap-style Y.XmlFragment named 'summary'), as XML text. */
export const summaryOf = (doc: Y.Doc): string => doc.getXmlFragment('summary').toString();

/** A fresh Y.Doc holding exactly what the store has for `docName` (snapshot + updates). */
export async function storedDoc(store: Store, docName: string): Promise<Y.Doc> {
  const { snapshot, updates } = await store.loadDoc(docName);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const { update } of updates) Y.applyUpdate(doc, update);
  return doc;
}
