/** Real socket.io clients for integration tests, each driving the same LiveThread as the browser. */
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type ArticleChange } from '../../shared/events.js';
import { decodeBatch, decodeChange } from '../../shared/wire.js';
import { LiveThread } from '../../client/src/realtime/live-thread.js';
import { type ParleyClientSocket } from '../../client/src/realtime/requests.js';
import { api } from './server.js';
import { WAIT_MS, waitUntil } from './wait.js';

export interface Reader {
  socket: ParleyClientSocket;
  thread: LiveThread;
  userId: string | null;
  token: string | null;
  close(): void;
}

/** Registers a fresh user and returns their token and id. */
export async function newUser(base: string, name: string): Promise<{ token: string; userId: string }> {
  const res = await api(base, '/api/auth/register', { body: { name, password: 'password-for-tests' } });
  if (res.status !== 201) throw new Error(`register ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, userId: res.body.user.id };
}

export function connectSocket(
  base: string,
  token: string | null,
  options: { reconnection?: boolean } = {},
): Promise<ParleyClientSocket> {
  const socket: ParleyClientSocket = io(base, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) },
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/**
 * Calls `onChange` with every live change the socket receives, decoded (shared/wire.ts), one at a
 * time and in the order they came, whether alone (`article:change`) or in a batch
 * (`article:changes`). Returns the unsubscribe.
 */
export function onLiveChanges(socket: ParleyClientSocket, onChange: (change: ArticleChange) => void): () => void {
  const one = (wire: Parameters<typeof decodeChange>[0]) => onChange(decodeChange(wire));
  const many = (batch: Parameters<typeof decodeBatch>[0]) => decodeBatch(batch).forEach((c) => onChange(c));
  socket.on('article:change', one);
  socket.on('article:changes', many);
  return () => {
    socket.off('article:change', one);
    socket.off('article:changes', many);
  };
}

/** Connects, joins the article and returns a reader whose thread stays live. */
export async function openReader(
  base: string,
  slug: string,
  user: { token: string; userId: string } | null = null,
): Promise<Reader> {
  const socket = await connectSocket(base, user?.token ?? null);
  const thread = new LiveThread(socket, user?.userId ?? null);
  await thread.join(slug);
  return {
    socket,
    thread,
    userId: user?.userId ?? null,
    token: user?.token ?? null,
    close() {
      thread.close();
      socket.close();
    },
  };
}

/** Polls until `check` holds, or fails naming `what` after `ms` (generous: see wait.ts). */
export function eventually(check: () => boolean | Promise<boolean>, what = 'condition', ms = WAIT_MS): Promise<void> {
  return waitUntil(check, what, ms);
}

/** The thread as a comparable value: every known comment's id, body, status and tallies, by seq. */
export function threadFingerprint(thread: LiveThread) {
  return [...thread.state.comments.values()]
    .sort((a, b) => a.seq - b.seq)
    .map((c) => ({ id: c.id, parentId: c.parentId, body: c.body, status: c.status, editedAt: c.editedAt }));
}
