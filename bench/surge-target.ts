/**
 * A server the surge bench loads, in a child process of its own (its CPU and memory read from /proc),
 * with its signed-in writers: the bare socket.io baseline (bench/bare-socketio.ts) or a whole Parley
 * (bench/parley-server.ts: SQLite in a temporary DATA_DIR, the demo article). Both look the same to
 * the bench: where readers join, and `post(body)`, which resolves with the comment's seq once the
 * server acknowledges it, or with the refusal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { connectSocket, newUser } from '../test/helpers/live.js';
import { api } from '../test/helpers/server.js';
import { startBareSocketio } from './bare-socketio.js';
import type { ReaderTarget } from './reader-worker.js';
import { startServerChild, type ServerChild } from './server-child.js';

export type ServerKind = 'bare' | 'parley';

export const SERVER_LABEL: Record<ServerKind, string> = { bare: 'bare socket.io', parley: 'Parley' };

export type PostResult = { ok: true; seq: number } | { ok: false; code: string };

export interface SurgeTarget {
  kind: ServerKind;
  server: ServerChild;
  readers: ReaderTarget;
  writers: number;
  /** Posts through the next writer in turn. */
  post(body: string): Promise<PostResult>;
  stop(): Promise<void>;
}

const SLUG = 'pakistan-afghanistan-peace-talks';
const PARLEY_SERVER = fileURLToPath(new URL('./parley-server.ts', import.meta.url));
/** Writers are limited by nothing but the server: the per-user and per-socket limits out of the way. */
const PARLEY_ENV = {
  TOKEN_SECRET: 's'.repeat(40),
  COMMENTS_PER_MINUTE: '100000',
  VOTES_PER_MINUTE: '100000',
  SOCKET_EVENTS_PER_SECOND: '100000',
  DEMO_DEBATE: 'false',
};
/** Past this an unanswered request counts as failed: far beyond any goal, so it only ends a hang. */
const ACK_CAP_MS = 30_000;

interface Reply {
  ok: boolean;
  data?: { seq: number };
  error?: { code: string };
}

/** emitWithAck with a cap; a timeout or a dropped connection is a refusal with a code of its own. */
async function send(socket: Socket, event: string, payload: unknown): Promise<PostResult> {
  try {
    const reply = (await socket.timeout(ACK_CAP_MS).emitWithAck(event, payload)) as Reply;
    return reply.ok ? { ok: true, seq: reply.data!.seq } : { ok: false, code: reply.error?.code ?? 'REFUSED' };
  } catch (err) {
    return { ok: false, code: err instanceof Error && /timed out/i.test(err.message) ? 'ACK_TIMEOUT' : String(err) };
  }
}

function roundRobin(sockets: Socket[], post: (socket: Socket, body: string) => Promise<PostResult>) {
  let next = 0;
  return (body: string) => post(sockets[next++ % sockets.length]!, body);
}

export async function startBareTarget(writers: number): Promise<SurgeTarget> {
  const server = await startBareSocketio();
  const room = 'surge';
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < writers; i++) {
      const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      sockets.push(socket);
    }
  } catch (err) {
    sockets.forEach((s) => s.close());
    await server.stop();
    throw err;
  }
  return {
    kind: 'bare',
    server,
    readers: { url: server.url, kind: 'bare', join: { event: 'join', payload: { room } } },
    writers,
    post: roundRobin(sockets, (socket, body) => send(socket, 'post', { room, body })),
    async stop() {
      sockets.forEach((s) => s.close());
      await server.stop();
    },
  };
}

export async function startParleyTarget(writers: number): Promise<SurgeTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-surge-'));
  const server = await startServerChild(PARLEY_SERVER, { ...PARLEY_ENV, DATA_DIR: dataDir });
  const sockets: Socket[] = [];
  const stop = async () => {
    sockets.forEach((s) => s.close());
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const { article } = (await api(server.url, `/api/articles/${SLUG}`)).body as { article: { id: string } };
    for (let i = 0; i < writers; i++) {
      const user = await newUser(server.url, `surge${i}`);
      sockets.push(await connectSocket(server.url, user.token, { reconnection: false }));
    }
    return {
      kind: 'parley',
      server,
      readers: { url: server.url, kind: 'parley', join: { event: 'article:join', payload: { slug: SLUG } } },
      writers,
      post: roundRobin(sockets, (socket, body) => send(socket, 'comment:create', { articleId: article.id, body })),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export const startTarget = (kind: ServerKind, writers: number): Promise<SurgeTarget> =>
  kind === 'bare' ? startBareTarget(writers) : startParleyTarget(writers);
