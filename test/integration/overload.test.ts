/**
 * Bounded overload over real sockets: past capacity a write is refused at once with OVERLOADED and
 * a retry time, nothing of it is stored, reads and moderators' controls are still served, the
 * server stays up, and the normal path is untouched once the load is gone. Overload is forced
 * without sleeps: a store write held open by the test (writes in flight), or a delay signal the
 * test sets (event-loop delay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOverloadGuard, type EventLoopDelaySource } from '../../server/domain/overload.js';
import type { Store } from '../../server/store/store.js';
import { request } from '../../client/src/realtime/requests.js';
import { connectSocket, newUser, openReader, type Reader } from '../helpers/live.js';
import { api, signInAs, startTestServer, type TestServer } from '../helpers/server.js';

const SLUG = 'pakistan-afghanistan-peace-talks';
let t: TestServer;
let articleId: string;
const open: Reader[] = [];
const reader = async (user: { token: string; userId: string } | null) => {
  const r = await openReader(t.url, SLUG, user);
  open.push(r);
  return r;
};

const storedBodies = async (store: Store) =>
  (await store.listComments({ articleId, parentId: null, sort: 'new', limit: 100 })).items.map((c) => c.body);

beforeAll(async () => {
  // One write in flight at a time: the second concurrent write is past capacity.
  t = await startTestServer({
    OVERLOAD_MAX_WRITES_IN_FLIGHT: '1',
    OVERLOAD_RETRY_AFTER_MS: '2000',
    COMMENTS_PER_MINUTE: '1000',
    SOCKET_EVENTS_PER_SECOND: '1000',
  });
  articleId = (await api(t.url, `/api/articles/${SLUG}`)).body.article.id;
});
afterAll(async () => {
  for (const r of open) r.close();
  await t.destroy();
});

describe('bounded overload', () => {
  it('refuses writes past the writes in flight at once, stores nothing of them, and serves reads meanwhile', async () => {
    const store = t.parley.deps.store;
    const writer = await reader(await newUser(t.url, 'Held'));
    const other = await reader(await newUser(t.url, 'Refused'));
    const target = await writer.thread.post('a comment to vote on');

    // The next comment write waits in the store until the test lets it go.
    const realCreate = store.createComment;
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let reached!: () => void;
    const inStore = new Promise<void>((resolve) => (reached = resolve));
    store.createComment = async (comment) => {
      reached();
      await held;
      return realCreate.call(store, comment);
    };
    try {
      const slow = writer.thread.post('admitted, then slow in the store');
      await inStore;

      // Answered while the first write is still held: refused, not queued behind it.
      const refusal = await other.thread.post('refused under load').then(
        () => null,
        (err: unknown) => err,
      );
      expect(refusal).toMatchObject({ code: 'OVERLOADED', error: { meta: { retryAfterMs: expect.any(Number) } } });
      const retryAfterMs = (refusal as { error: { meta: { retryAfterMs: number } } }).error.meta.retryAfterMs;
      expect(retryAfterMs).toBeGreaterThanOrEqual(2000);
      expect(retryAfterMs).toBeLessThanOrEqual(3000);
      await expect(other.thread.vote(target.comment.id, 1)).rejects.toMatchObject({ code: 'OVERLOADED' });

      // Reads and moderators' controls are still served.
      const guest = await reader(null);
      expect(guest.thread.state.comments.has(target.comment.id)).toBe(true);
      const sync = await request(other.socket, 'article:sync', { articleId, sinceSeq: 0 });
      expect(['changes', 'snapshot']).toContain(sync.kind);
      const modSocket = await connectSocket(t.url, await signInAs(t.url, 'moderator'));
      try {
        const saved = await request(modSocket, 'mod:settings', { articleId, settings: { reportThreshold: 4 } });
        expect(saved.reportThreshold).toBe(4);
      } finally {
        modSocket.close();
      }

      letGo();
      expect((await slow).comment.body).toBe('admitted, then slow in the store');
    } finally {
      store.createComment = realCreate;
      letGo();
    }

    const bodies = await storedBodies(store);
    expect(bodies).toContain('admitted, then slow in the store');
    expect(bodies).not.toContain('refused under load');
    expect((await store.getVotes([target.comment.id], other.userId!)).get(target.comment.id)).toBeUndefined();

    // The load is gone: the same writes go through, and the server is up.
    await other.thread.post('refused under load');
    await other.thread.vote(target.comment.id, 1);
    expect(await storedBodies(store)).toContain('refused under load');
    expect((await api(t.url, '/healthz')).status).toBe(200);
  });

  it('refuses writes while the event loop runs late, and admits them again when it keeps time', async () => {
    const deps = t.parley.deps;
    const original = deps.overload;
    let delayMs = 500;
    const delay: EventLoopDelaySource = { recentDelayMs: () => delayMs, stop: () => undefined };
    deps.overload = createOverloadGuard(
      { maxWritesInFlight: 0, maxEventLoopDelayMs: 100, retryAfterMs: 1000 },
      { delay, random: () => 0 },
    );
    try {
      const r = await reader(await newUser(t.url, 'Late'));
      await expect(r.thread.post('while the loop is late')).rejects.toMatchObject({
        code: 'OVERLOADED',
        error: { meta: { retryAfterMs: 1000 } },
      });
      expect(await storedBodies(deps.store)).not.toContain('while the loop is late');
      delayMs = 20;
      expect((await r.thread.post('while the loop is late')).comment.body).toBe('while the loop is late');
    } finally {
      deps.overload = original;
    }
  });
});
