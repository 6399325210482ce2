/**
 * A bare socket.io 4.8 server: the baseline the benches compare Parley with. It runs with exactly
 * Parley's transport options (server/realtime/transport-options.ts: maxHttpBufferSize,
 * connection-state recovery, serveClient) and does the least a live-comments server must do, with
 * no store, no auth, no validation, no presence.
 *
 * Events (every one acknowledged like Parley's requests, `{ ok: true, data }`):
 * - `join` `{ room }`: joins the room and acknowledges with a fixed snapshot, shaped like Parley's
 *   `article:join` reply (ArticleSnapshot) and padded to SNAPSHOT_BYTES bytes of JSON (the `data`
 *   object alone): the size of Parley's first page for the article compared (the connections bench
 *   measures it and passes it on).
 * - `post` `{ room, body }`: emits `article:change` to the room as Parley broadcasts one change:
 *   an ArticleChange (articleId = room, the next seq, kind 'comment.created', a whole visible
 *   top-level comment with `body`) in the lean wire form, `encodeChange` of shared/wire.ts, so the
 *   frames are Parley's to the byte; and acknowledges with the ArticleChange itself, as Parley's
 *   `comment:create` does.
 *
 * A bench reader can speak to it with raw frames: `420["join",{"room":"a"}]` → `430[{"ok":true,...}]`,
 * then `42["article:change",{...}]` frames.
 *
 * Run in a child process: `node --import tsx bench/bare-socketio.ts`, or `startBareSocketio()` from
 * a bench (bench/server-child.ts: its url, pid, memory after a GC, stop). Settings (environment):
 * PORT (0: any free port), SNAPSHOT_BYTES (default 196: the demo article's first page, which is
 * empty). Prints one line `{"port":N}` once it listens, like test/helpers/parley-child.ts.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Server } from 'socket.io';
import type { ArticleChange } from '../shared/events.js';
import { encodeChange } from '../shared/wire.js';
import { TRANSPORT_OPTIONS } from '../server/realtime/transport-options.js';
import { installMemoryProbe } from './memory-probe.js';
import { startServerChild, type ServerChild } from './server-child.js';

/** Every bare comment's author (an id like Parley's, so the wire form packs it the same way). */
const AUTHOR_ID = randomUUID();

/** The demo article's first page as Parley sends it (an empty thread): 196 bytes of JSON. */
const DEFAULT_SNAPSHOT_BYTES = 196;

/** A snapshot-shaped object whose JSON is `bytes` long (or as short as the shape allows). */
export function fixedSnapshot(bytes: number): Record<string, unknown> {
  const snapshot = {
    articleId: randomUUID(),
    seq: 0,
    sort: 'best',
    comments: [],
    replies: [],
    next: null,
    myVotes: {},
    readers: 1,
    totalComments: 0,
    slowModeSeconds: 0,
    commentsOpen: true,
  };
  // A padding field makes up the difference (when it fits: `,"padding":""` is 13 bytes itself).
  const missing = bytes - Buffer.byteLength(JSON.stringify(snapshot)) - ',"padding":""'.length;
  return missing >= 0 ? { ...snapshot, padding: 'x'.repeat(missing) } : snapshot;
}

function serve(): void {
  installMemoryProbe();
  const snapshot = fixedSnapshot(Number(process.env.SNAPSHOT_BYTES ?? DEFAULT_SNAPSHOT_BYTES));
  const httpServer = createServer();
  const io = new Server(httpServer, TRANSPORT_OPTIONS);
  let seq = 0;
  io.on('connection', (socket) => {
    socket.on('join', (request: { room: string }, ack: (reply: unknown) => void) => {
      void socket.join(request.room);
      ack({ ok: true, data: snapshot });
    });
    socket.on('post', (request: { room: string; body: string }, ack: (reply: unknown) => void) => {
      seq += 1;
      const now = new Date().toISOString();
      const id = randomUUID();
      const change: ArticleChange = {
        articleId: request.room,
        seq,
        kind: 'comment.created',
        comment: {
          id,
          articleId: request.room,
          parentId: null,
          rootId: id,
          depth: 0,
          authorId: AUTHOR_ID,
          authorName: 'bare',
          body: request.body,
          status: 'visible',
          seq,
          createdAt: now,
          editedAt: null,
          upvotes: 0,
          downvotes: 0,
          replyCount: 0,
          featured: false,
          positionId: null,
        },
      };
      io.to(request.room).emit('article:change', encodeChange(change));
      ack({ ok: true, data: change });
    });
  });
  httpServer.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = httpServer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`${JSON.stringify({ port })}\n`);
  });
}

/** Starts this file in a child process (its own CPU and memory, read from /proc by the bench). */
export function startBareSocketio(env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ServerChild> {
  return startServerChild(fileURLToPath(import.meta.url), env, nodeFlags);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve();
