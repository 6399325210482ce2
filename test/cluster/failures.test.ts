/**
 * A cluster losing part of itself keeps every acknowledged write and brings every reader back to the
 * exact thread: Redis away for 5 s, a process killed with SIGKILL, a process stopped with SIGTERM.
 * Readers that must move to another process connect through the balancer (as browsers would);
 * writers and steady readers connect to one process each.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, newUser, openReader, threadFingerprint, type Reader } from '../helpers/live.js';
import { api } from '../helpers/server.js';
import { waitUntil } from '../helpers/wait.js';
import { printClusterOutput, redisTool, startCluster, type Cluster, type ClusterNode } from './harness.js';

let c: Cluster;
const open: Reader[] = [];
const tag = Math.random().toString(36).slice(2, 8);

async function reader(url: string, slug: string, user: { token: string; userId: string } | null = null) {
  const r = await openReader(url, slug, user);
  open.push(r);
  return r;
}

/** Every reader at the article's last seq, with the same thread, holding every acknowledged comment. */
async function expectExact(slug: string, readers: Reader[], acked: string[]) {
  const last = await c.lastSeq(slug);
  await eventually(
    () => readers.every((r) => r.thread.state.seq === last),
    `every reader at seq ${last} (now ${readers.map((r) => r.thread.state.seq).join(', ')})`,
  );
  const expected = threadFingerprint(readers[0]!.thread);
  for (const r of readers) {
    expect(threadFingerprint(r.thread)).toEqual(expected);
    for (const id of acked) expect(r.thread.state.comments.has(id)).toBe(true);
  }
  // And the store has them all: nothing acknowledged was lost.
  const ids = new Set(expected.map((e) => e.id));
  for (const id of acked) expect(ids.has(id)).toBe(true);
}

async function readyz(node: ClusterNode) {
  return (await api(node.url, '/readyz')).body as { ok: boolean; redis?: string; degraded?: boolean };
}

describe.skipIf(redisTool.skip)('a cluster losing part of itself', () => {
  beforeAll(async () => {
    c = await startCluster({ env: { COMMENTS_PER_MINUTE: '100000', SOCKET_EVENTS_PER_SECOND: '10000' } });
  });
  afterEach((ctx) => {
    // A failure says what the processes said (their last lines; TEST_LOG_LEVEL=info for more).
    if (ctx.task.result?.state !== 'fail') return;
    printClusterOutput(c);
    console.error(
      `--- balancer routes (node ports: ${c.nodes.map((n) => n.port).join(', ')}):\n${c.routes.join('\n')}`,
    );
  });
  afterAll(async () => {
    for (const r of open) r.close();
    await c?.destroy();
  });

  it('keeps serving while Redis is away for 5 s, and brings every reader back to every comment', async () => {
    const { slug } = await c.newArticle('outage');
    const readers: Reader[] = [];
    for (const url of c.urls) readers.push(await reader(url, slug), await reader(url, slug));
    const writers: Reader[] = [];
    for (const [i, url] of c.urls.entries())
      writers.push(await reader(url, slug, await newUser(url, `out${i}-${tag}`)));
    const everyone = [...readers, ...writers];
    const resyncNotices = everyone.map((r) => {
      const seen = { count: 0 };
      r.socket.on('article:resync', () => (seen.count += 1));
      return seen;
    });
    const acked: string[] = [];
    let n = 0;
    const postOne = async () => {
      const writer = writers[n % writers.length]!;
      acked.push((await writer.thread.post(`outage stream ${n++}`)).comment.id);
    };
    const pace = () => new Promise((resolve) => setTimeout(resolve, 40)); // a stream, not a flood

    for (let i = 0; i < 9; i++) await postOne();
    await c.redis.stop();
    const stoppedAt = Date.now();
    // While it is away: every process still takes comments, and says it is degraded.
    await waitUntil(
      async () => (await Promise.all(c.nodes.map(readyz))).every((r) => r.ok && r.redis === 'down' && r.degraded),
      'every process reporting redis down',
    );
    while (Date.now() - stoppedAt < 5000) {
      await postOne();
      await pace();
    }
    await c.redis.start();
    // Nothing more is posted: what each process's readers missed of the others' last comments can
    // only come through the resync that Redis's return sets off.
    await expectExact(slug, everyone, acked);
    await waitUntil(
      async () => (await Promise.all(c.nodes.map(readyz))).every((r) => r.ok && r.redis === 'up'),
      'every process reporting redis up',
    );
    await eventually(() => resyncNotices.every((seen) => seen.count >= 1), 'a resync notice at every reader');

    // And live delivery across processes works again.
    for (let i = 0; i < 9; i++) await postOne();
    expect(c.nodes.every((node) => node.alive())).toBe(true);
    await expectExact(slug, everyone, acked);
  }, 60_000);

  it('moves the clients of a process killed with SIGKILL to the others, losing nothing', async () => {
    const { slug } = await c.newArticle('kill');
    const [victim, ...survivors] = c.nodes as [ClusterNode, ...ClusterNode[]];
    // Through the balancer: two readers per process, taken in turn.
    const moving: Reader[] = [];
    for (let i = 0; i < 6; i++) moving.push(await reader(c.proxyUrl, slug));
    expect(c.proxy.connections().get(victim.port)).toBeGreaterThanOrEqual(1);
    const dropped = moving.map((r) => {
      const seen = { count: 0 };
      r.socket.on('disconnect', () => (seen.count += 1));
      return seen;
    });
    const steady: Reader[] = [];
    for (const node of survivors) steady.push(await reader(node.url, slug));
    const writers: Reader[] = [];
    for (const [i, node] of survivors.entries())
      writers.push(await reader(node.url, slug, await newUser(node.url, `kill${i}-${tag}`)));

    const acked: string[] = [];
    const post = async (i: number) =>
      acked.push((await writers[i % writers.length]!.thread.post(`kill ${i}`)).comment.id);
    for (let i = 0; i < 10; i++) await post(i);
    victim.child.kill('SIGKILL');
    const { signal } = await victim.exited;
    expect(signal).toBe('SIGKILL');
    for (let i = 10; i < 30; i++) await post(i);

    const moved = moving.filter((_, i) => dropped[i]!.count > 0);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    await eventually(() => moved.every((r) => r.socket.connected), 'the moved readers connected again');
    await expectExact(slug, [...steady, ...moving, ...writers], acked);
  }, 60_000);

  it('stops gracefully on SIGTERM: exit 0, its clients continue on another process', async () => {
    const { slug } = await c.newArticle('sigterm');
    const live = c.nodes.filter((node) => node.alive());
    expect(live.length).toBeGreaterThanOrEqual(2);
    const [stopping, staying] = live as [ClusterNode, ClusterNode];
    const moving: Reader[] = [];
    for (let i = 0; i < 4; i++) moving.push(await reader(c.proxyUrl, slug));
    expect(c.proxy.connections().get(stopping.port)).toBeGreaterThanOrEqual(1);
    const dropped = moving.map((r) => {
      const seen = { count: 0 };
      r.socket.on('disconnect', () => (seen.count += 1));
      return seen;
    });
    const steady = await reader(staying.url, slug);
    const writer = await reader(staying.url, slug, await newUser(staying.url, `term-${tag}`));
    const acked: string[] = [];
    for (let i = 0; i < 5; i++) acked.push((await writer.thread.post(`before the stop ${i}`)).comment.id);

    stopping.child.kill('SIGTERM');
    expect(await stopping.exited).toEqual({ code: 0, signal: null });
    for (let i = 0; i < 10; i++) acked.push((await writer.thread.post(`after the stop ${i}`)).comment.id);

    const moved = moving.filter((_, i) => dropped[i]!.count > 0);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    await eventually(() => moved.every((r) => r.socket.connected), 'the moved readers connected again');
    // Closed as "server shutting down", their sessions were kept in Redis and restored elsewhere.
    for (const r of moved) expect(r.socket.recovered).toBe(true);
    await expectExact(slug, [steady, writer, ...moving], acked);
  }, 60_000);
});
