/** 100 clients voting at once on one comment leave an exact tally; self and guest votes are refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSocket, eventually, openReader, type Reader } from '../helpers/live.js';
import { LiveThread } from '../../client/src/realtime/live-thread.js';
import { TALLY_FLUSH_MS } from '../../server/realtime/broadcast.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { storeDigest } from '../helpers/store-digest.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
const open: Reader[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

/** Makes users straight in the store (scrypt for 100 registrations would only slow the test). */
async function makeUsers(n: number, prefix: string) {
  const { store, tokens } = t.parley.deps;
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const name = `${prefix}${i}`;
      const user = await store.createUser({
        name,
        nameKey: name,
        passwordHash: null,
        role: 'reader',
        email: null,
        ssoProvider: null,
        ssoSubject: null,
      });
      return { userId: user.id, token: tokens.signAccess({ sub: user.id, role: 'reader', name }) };
    }),
  );
}

describe('votes', () => {
  it('keeps an exact tally when 100 clients vote at once, and shows it live', async () => {
    const [author] = await makeUsers(1, 'author');
    const writer = await openReader(t.url, SLUG, author!);
    const watcher = await openReader(t.url, SLUG, null);
    open.push(writer, watcher);
    const { comment } = await writer.thread.post('Vote on this');
    await eventually(() => watcher.thread.state.comments.has(comment.id), 'comment at the watcher');

    const voters = await makeUsers(100, 'voter');
    const sockets = await Promise.all(voters.map((v) => connectSocket(t.url, v.token)));
    try {
      const threads = sockets.map((s, i) => new LiveThread(s, voters[i]!.userId));
      await Promise.all(threads.map((th) => th.join(SLUG)));
      // 70 up, 30 down, all at once; then 10 of the up-voters switch to down and 5 retract, at once.
      await Promise.all(threads.map((th, i) => th.vote(comment.id, i < 70 ? 1 : -1)));
      await Promise.all(threads.slice(0, 15).map((th, i) => th.vote(comment.id, i < 10 ? -1 : 0)));
      const stored = await t.parley.deps.store.getComment(comment.id);
      expect(stored).toMatchObject({ upvotes: 55, downvotes: 40 });
      await eventually(() => {
        const seen = watcher.thread.state.comments.get(comment.id)!;
        return seen.upvotes === 55 && seen.downvotes === 40;
      }, 'live tally at the watcher');
      // A fresh reader's snapshot carries the same tally.
      const late = await openReader(t.url, SLUG, null);
      open.push(late);
      expect(late.thread.state.comments.get(comment.id)).toMatchObject({ upvotes: 55, downvotes: 40 });
      for (const th of threads) th.close();
    } finally {
      for (const s of sockets) s.close();
    }
  }, 30_000);

  it('coalesces tally updates instead of sending one per vote', async () => {
    const [author] = await makeUsers(1, 'coalesce');
    const writer = await openReader(t.url, SLUG, author!);
    open.push(writer);
    const { comment } = await writer.thread.post('Coalesce me');
    let updates = 0;
    writer.socket.on('vote:tallies', () => updates++);
    const voters = await makeUsers(40, 'burst');
    const sockets = await Promise.all(voters.map((v) => connectSocket(t.url, v.token)));
    try {
      const sent = Date.now();
      await Promise.all(sockets.map((s) => s.emitWithAck('vote:cast', { commentId: comment.id, value: 1 })));
      const took = Date.now() - sent;
      await eventually(() => writer.thread.state.comments.get(comment.id)?.upvotes === 40, 'tally 40');
      // At most one update per flush interval while the votes came in, and the last one: a few on an
      // idle machine, more only if a busy one spread the 40 votes over more intervals.
      expect(updates).toBeLessThanOrEqual(Math.ceil(took / TALLY_FLUSH_MS) + 1);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it("refuses votes on one's own comment and votes from guests, with codes", async () => {
    const [author] = await makeUsers(1, 'self');
    const writer = await openReader(t.url, SLUG, author!);
    const guest = await openReader(t.url, SLUG, null);
    open.push(writer, guest);
    const { comment } = await writer.thread.post('Do not vote on yourself');
    const before = storeDigest(t.dataDir);
    await expect(writer.thread.vote(comment.id, 1)).rejects.toMatchObject({ code: 'OWN_COMMENT_VOTE' });
    await expect(guest.thread.vote(comment.id, 1)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(writer.thread.vote('no-such-comment', 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.parley.deps.store.getComment(comment.id)).toMatchObject({ upvotes: 0, downvotes: 0 });
    // The refusals wrote nothing anywhere (no vote row, no tally, no change-log entry).
    expect(storeDigest(t.dataDir)).toEqual(before);
  });
});
