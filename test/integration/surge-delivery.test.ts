/**
 * Live delivery under a surge (server/realtime/live-changes.ts, lagging.ts): a busy article's
 * changes go as batches, every reader still gets every seq once and ends equal to the store, a
 * removed body stays with moderators and its author inside a batch, and a reader that stops reading
 * is held out of live delivery, then told to resync, and catches up exactly.
 */
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleChange } from '../../shared/events.js';
import { eventually, newUser, onLiveChanges, openReader, threadFingerprint, type Reader } from '../helpers/live.js';
import { must } from '../helpers/moderation.js';
import { signInAs, startTestServer, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Reader[] = [];

beforeAll(async () => {
  t = await startTestServer({
    COMMENTS_PER_MINUTE: '100000',
    SOCKET_EVENTS_PER_SECOND: '100000',
    LAGGING_READER_BYTES: '65536',
  });
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

async function reader(user: { token: string; userId: string } | null = null): Promise<Reader> {
  const r = await openReader(t.url, SLUG, user);
  open.push(r);
  return r;
}

/** Every live change the reader's socket gets, and how many frames were batches. */
function record(r: Reader) {
  const seen = { changes: [] as ArticleChange[], batches: 0 };
  onLiveChanges(r.socket, (change) => seen.changes.push(change));
  r.socket.on('article:changes', () => void seen.batches++);
  return seen;
}

const lastSeq = async () => (await t.parley.deps.store.getArticleBySlug(SLUG))!.seq;

/** Posts `n` comments through `writers` without waiting between them; resolves when all are acknowledged. */
function burst(writers: Reader[], n: number, label: string): Promise<ArticleChange[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => writers[i % writers.length]!.thread.post(`${label} ${i}`)));
}

describe('live delivery under a surge', () => {
  it('sends a 500-comment burst in batches and every reader ends equal to the store, each seq once', async () => {
    const writers = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => reader(await newUser(t.url, `Burst${i}`))),
    );
    const readers = [await reader(), await reader()];
    const seen = readers.map(record);
    const from = await lastSeq();

    const started = Date.now();
    const acked = await burst(writers, 500, 'burst');
    const seconds = (Date.now() - started) / 1000;
    const last = await lastSeq();
    expect(last - from).toBe(500);
    await eventually(() => readers.every((r) => r.thread.state.seq === last), 'every reader at the last seq');

    const everySeq = Array.from({ length: 500 }, (_, i) => from + 1 + i);
    for (const [i, r] of readers.entries()) {
      expect(seen[i]!.changes.map((c) => c.seq)).toEqual(everySeq);
      expect(seen[i]!.batches).toBeGreaterThan(0);
      expect(r.thread.syncCount).toBe(0);
      for (const { comment } of acked) expect(r.thread.state.comments.get(comment.id)?.body).toBe(comment.body);
    }
    expect(threadFingerprint(readers[1]!.thread)).toEqual(threadFingerprint(readers[0]!.thread));
    // The store holds the same 500 bodies.
    const stored = await t.parley.deps.store.getComments(acked.map((c) => c.comment.id));
    expect(stored.map((c) => c.body).sort()).toEqual(acked.map((c) => c.comment.body).sort());
    console.log(`500 comments in ${seconds.toFixed(2)} s, ${seen[0]!.batches} batch frames at the first reader`);
  }, 60_000);

  it('keeps a removed body to moderators and its author inside a batch', async () => {
    const SECRET = 'a body only moderators and the author may read';
    const author = await reader(await newUser(t.url, 'Secret Author'));
    const writers = await Promise.all(
      Array.from({ length: 3 }, async (_, i) => reader(await newUser(t.url, `Busy${i}`))),
    );
    const moderatorToken = await signInAs(t.url, 'moderator');
    const moderator = await reader({ token: moderatorToken, userId: 'moderator' });
    const plain = await reader();
    const watched = { plain: record(plain), author: record(author), moderator: record(moderator) };
    const { comment } = await author.thread.post(SECRET);

    // The removal lands in the middle of a burst, so it travels in a batch.
    const busy = burst(writers, 150, 'around the removal');
    await must(moderator.socket, 'mod:action', {
      commentId: comment.id,
      action: 'remove',
      reason: 'x',
      expectedVersion: 0,
    });
    await busy;
    const last = await lastSeq();
    await eventually(
      () => [plain, author, moderator].every((r) => r.thread.state.seq === last),
      'all three at the last seq',
    );
    const removal = (who: keyof typeof watched) =>
      watched[who].changes.find((c) => c.comment.id === comment.id && c.kind === 'comment.removed')!;
    expect(removal('plain').comment.body).toBe('');
    expect(removal('author').comment.body).toBe(SECRET);
    expect(removal('moderator').comment.body).toBe(SECRET);
    expect(watched.plain.batches + watched.moderator.batches + watched.author.batches).toBeGreaterThan(0);
    for (const who of Object.keys(watched) as Array<keyof typeof watched>) {
      const seqs = watched[who].changes.map((c) => c.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    }
  }, 60_000);

  it('holds a reader that stops reading out of live delivery, then asks it to resync, and it catches up exactly', async () => {
    const writer = await reader(await newUser(t.url, 'Flood Writer'));
    const steady = await reader();
    const stalled = await reader();
    const resyncs: string[] = [];
    stalled.socket.on('article:resync', ({ articleId }) => resyncs.push(articleId));
    // Stop reading the TCP connection under the stalled reader's WebSocket.
    const engine = stalled.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } };
    const tcp = engine.transport.ws._socket;
    tcp.pause();

    const body = 'x'.repeat(8_000);
    const posted: string[] = [];
    for (let i = 0; i < 3000 && t.parley.realtime.laggingReaders() === 0; i++)
      posted.push((await writer.thread.post(`${i} ${body}`)).comment.id);
    expect(t.parley.realtime.laggingReaders()).toBe(1);
    // Held: more changes do not queue up for it.
    for (let i = 0; i < 20; i++) posted.push((await writer.thread.post(`held ${i} ${body}`)).comment.id);

    tcp.resume();
    await eventually(() => resyncs.length > 0, 'the stalled reader told to resync');
    const last = await lastSeq();
    await eventually(
      () => stalled.thread.state.seq === last && steady.thread.state.seq === last,
      'both readers at the last change',
    );
    expect(t.parley.realtime.laggingReaders()).toBe(0);
    expect(threadFingerprint(stalled.thread)).toEqual(threadFingerprint(steady.thread));
    for (const id of posted) expect(stalled.thread.state.comments.has(id)).toBe(true);
    console.log(`held after ${posted.length - 20} comments of 8 KB`);
  }, 120_000);
});
