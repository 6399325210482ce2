/** Leases in memory and in Redis (a redis-server of the test's own): one behaviour. */
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTool, startRedis, type TestRedis } from '../../test/helpers/redis-server.js';
import { createMemoryLeases, createRedisLeases, openLeases, type Leases, type MemoryLeaseTable } from './lease.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two owners competing for the same names, and a way to tidy up. */
interface Pair {
  a: Leases;
  b: Leases;
}

function describeLeases(name: string, makePair: () => Promise<Pair>) {
  describe(`leases: ${name}`, () => {
    it('gives a free lease to one owner, renews it for that owner only, and releases it', async () => {
      const { a, b } = await makePair();
      expect(a.owner).not.toBe(b.owner);
      expect(await a.acquire('clock', 5_000)).toBe(true);
      expect(await b.acquire('clock', 5_000)).toBe(false);
      // Acquiring again is a renewal for the holder.
      expect(await a.acquire('clock', 5_000)).toBe(true);
      expect(await a.renew('clock', 5_000)).toBe(true);
      expect(await b.renew('clock', 5_000)).toBe(false);
      // Another owner's release does nothing.
      await b.release('clock');
      expect(await b.acquire('clock', 5_000)).toBe(false);
      await a.release('clock');
      expect(await b.acquire('clock', 5_000)).toBe(true);
      expect(await a.renew('clock', 5_000)).toBe(false);
      await b.release('clock');
    });

    it('lets another owner take a lease its holder stopped renewing, and the old holder cannot renew it', async () => {
      const { a, b } = await makePair();
      expect(await a.acquire('expiring', 120)).toBe(true);
      await sleep(60);
      // Renewal moves the expiry on from now.
      expect(await a.renew('expiring', 120)).toBe(true);
      await sleep(80);
      expect(await b.acquire('expiring', 5_000)).toBe(false);
      await sleep(100);
      expect(await b.acquire('expiring', 5_000)).toBe(true);
      expect(await a.renew('expiring', 5_000)).toBe(false);
      await a.release('expiring');
      expect(await a.acquire('expiring', 5_000)).toBe(false);
      await b.release('expiring');
    });

    it('claims a one-time marker once, whoever asks, until it expires', async () => {
      const { a, b } = await makePair();
      const concurrent = await Promise.all([a.claimOnce('sent:1', 150), b.claimOnce('sent:1', 150)]);
      expect(concurrent.filter(Boolean)).toHaveLength(1);
      expect(await a.claimOnce('sent:1', 150)).toBe(false);
      expect(await b.claimOnce('sent:1', 150)).toBe(false);
      await sleep(200);
      expect(await b.claimOnce('sent:1', 150)).toBe(true);
    });

    it('hands a contended lease to exactly one of many simultaneous takers', async () => {
      const { a, b } = await makePair();
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).acquire('contended', 5_000)),
      );
      const winners = attempts.map((ok, i) => (ok ? (i % 2 ? a.owner : b.owner) : null)).filter(Boolean);
      // One owner won; its own later attempts count as renewals, the other owner's all failed.
      expect(new Set(winners).size).toBe(1);
    });
  });
}

describeLeases('memory', async () => {
  const table: MemoryLeaseTable = new Map();
  return { a: createMemoryLeases({ table }), b: createMemoryLeases({ table }) };
});

describe('leases: memory clock', () => {
  it('expires on the injected clock', async () => {
    let now = 1_000;
    const table: MemoryLeaseTable = new Map();
    const a = createMemoryLeases({ table, now: () => now });
    const b = createMemoryLeases({ table, now: () => now });
    expect(await a.acquire('x', 100)).toBe(true);
    now += 99;
    expect(await b.acquire('x', 100)).toBe(false);
    now += 1;
    expect(await b.acquire('x', 100)).toBe(true);
  });
});

describe.skipIf(redisTool.skip)('leases: Redis', () => {
  let redis: TestRedis;
  const clients: Array<ReturnType<typeof createClient>> = [];
  const opened: Leases[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const l of opened) await l.close();
    for (const c of clients) if (c.isOpen) await c.close();
    await redis?.stop();
  });

  const connect = async () => {
    const client = createClient({ url: redis.url });
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  };

  // Two processes: two connections, two owners. A prefix per pair keeps the tests apart.
  let pairs = 0;
  describeLeases('redis', async () => {
    const prefix = `test:${++pairs}:`;
    return { a: createRedisLeases(await connect(), { prefix }), b: createRedisLeases(await connect(), { prefix }) };
  });

  it('keeps leases as parley:lease:<name> with the owner as value and a PX expiry', async () => {
    const leases = await openLeases({ url: redis.url });
    opened.push(leases);
    expect(leases.kind).toBe('redis');
    expect(await leases.acquire('debate-clock:d1', 4_000)).toBe(true);
    const probe = await connect();
    expect(await probe.get('parley:lease:debate-clock:d1')).toBe(leases.owner);
    const ttl = await probe.pTTL('parley:lease:debate-clock:d1');
    expect(ttl).toBeGreaterThan(3_000);
    expect(ttl).toBeLessThanOrEqual(4_000);
    await leases.release('debate-clock:d1');
    expect(await probe.exists('parley:lease:debate-clock:d1')).toBe(0);
  });

  it('opens memory leases without a URL, and Redis leases on a given client', async () => {
    expect((await openLeases({})).kind).toBe('memory');
    const shared = await connect();
    const onClient = await openLeases({ client: shared });
    expect(onClient.kind).toBe('redis');
    await onClient.close();
    // A given client stays open: it belongs to whoever made it.
    expect(shared.isOpen).toBe(true);
  });

  it('gives up start-up when Redis does not answer', async () => {
    await expect(
      openLeases({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 300, onError: () => undefined }),
    ).rejects.toThrow(/did not answer/);
  });

  it('refuses a lease while Redis is unreachable instead of assuming it', async () => {
    const other = await startRedis();
    const leases = await openLeases({ url: other.url, onError: () => undefined });
    expect(await leases.acquire('gone', 1_000)).toBe(true);
    await other.stop();
    await expect(leases.acquire('gone', 1_000)).rejects.toThrow();
    await leases.close().catch(() => undefined);
  });
});
