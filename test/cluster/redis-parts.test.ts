/**
 * The Redis pieces of a cluster, two "processes" in one test process against a real redis-server:
 * the bus (which topics cross, subscriber isolation, nothing thrown at the publisher while Redis is
 * away, recovery), the shared rate limits and their insurance, and the reader table.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, BusMessages, BusTopic } from '../../server/bus/bus.js';
import { createRedisLimits } from '../../server/bus/limits.js';
import { createRedisReaderTable } from '../../server/bus/readers.js';
import { connectRedis, type RedisLink } from '../../server/bus/redis.js';
import { createRedisBus } from '../../server/bus/redis-bus.js';
import { waitUntil } from '../helpers/wait.js';
import { redisTool, startRedisServer, type RedisServer } from './harness.js';

const log = pino({ level: 'silent' });
let redis: RedisServer;
const links: RedisLink[] = [];

async function link(): Promise<RedisLink> {
  const l = await connectRedis(redis.url, log);
  links.push(l);
  return l;
}

function record<T extends BusTopic>(bus: Bus, topic: T): Array<BusMessages[T]> {
  const seen: Array<BusMessages[T]> = [];
  bus.subscribe(topic, (m) => void seen.push(m));
  return seen;
}

const vote = (commentId: string): BusMessages['voteChanged'] => ({ articleId: 'a1', commentId });

describe.skipIf(redisTool.skip)('Redis pieces of a cluster', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const l of links) await l.close();
    await redis?.stop();
  });

  it('delivers cluster topics in every process and other topics only where they were published', async () => {
    const [a, b] = [await link(), await link()];
    const failures: string[] = [];
    const busA = createRedisBus(a, (topic) => failures.push(`a:${topic}`));
    const busB = createRedisBus(b, (topic) => failures.push(`b:${topic}`));
    await Promise.all([a.settled(), b.settled()]);
    const votesA = record(busA, 'voteChanged');
    const votesB = record(busB, 'voteChanged');
    const settingsB = record(busB, 'articleSettings');
    busB.subscribe('voteChanged', () => {
      throw new Error('a broken subscriber');
    });

    await busA.publish('voteChanged', vote('c1'));
    await busA.publish('articleSettings', { articleId: 'a1', commentsOpen: false, slowModeSeconds: 0 });
    await waitUntil(() => votesB.length === 1, 'the vote in the other process');
    expect(votesA).toEqual([vote('c1')]);
    expect(votesB).toEqual([vote('c1')]);
    expect(settingsB).toEqual([]);
    expect(failures).toEqual(['b:voteChanged']);
    await busA.close();
    await busB.close();
  });

  it('keeps publishing locally while Redis is away, and says when it is back', async () => {
    const [a, b] = [await link(), await link()];
    const unsent: string[] = [];
    const busA = createRedisBus(
      a,
      () => undefined,
      (topic) => unsent.push(topic),
    );
    const busB = createRedisBus(b, () => undefined);
    await Promise.all([a.settled(), b.settled()]);
    const votesA = record(busA, 'voteChanged');
    const votesB = record(busB, 'voteChanged');
    let recovered = 0;
    a.onRecovered(() => (recovered += 1));

    await redis.stop();
    await waitUntil(() => !a.isUp(), 'the link to notice');
    await expect(busA.publish('voteChanged', vote('during'))).resolves.toBeUndefined();
    expect(votesA).toEqual([vote('during')]);
    expect(unsent).toEqual(['voteChanged']);

    await redis.start();
    await waitUntil(() => recovered === 1 && a.isUp() && b.isUp(), 'the link back');
    await busA.publish('voteChanged', vote('after'));
    await waitUntil(() => votesB.length === 1, 'cross-process delivery again');
    expect(votesB).toEqual([vote('after')]);
    await busA.close();
    await busB.close();
  }, 30_000);

  it('counts a user’s requests in every process together, and per process while Redis is away', async () => {
    const [a, b] = [await link(), await link()];
    const settings = { commentsPerMinute: 3, votesPerMinute: 3 };
    const limitsA = createRedisLimits(a.client, settings);
    const limitsB = createRedisLimits(b.client, settings);
    const user = `user-${Math.random()}`;
    const waits = [];
    for (const limits of [limitsA, limitsB, limitsA, limitsB]) waits.push(await limits.comments.take(user));
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits[3]).toBeGreaterThan(0);

    await redis.stop();
    await waitUntil(() => !a.isUp() && !b.isUp(), 'both links to notice');
    // Insurance: the same limit, in each process's memory.
    const other = `user-${Math.random()}`;
    const outage = [];
    for (let i = 0; i < 4; i++) outage.push(await limitsA.votes.take(other));
    expect(outage.slice(0, 3)).toEqual([0, 0, 0]);
    expect(outage[3]).toBeGreaterThan(0);
    expect(await limitsB.votes.take(other)).toBe(0);
    await redis.start();
    await waitUntil(() => a.isUp() && b.isUp(), 'both links back');
  }, 30_000);

  it('counts each reader once across processes, forgets a process that stops writing, and survives an empty Redis', async () => {
    const [a, b] = [await link(), await link()];
    const tableA = createRedisReaderTable(a, 1500);
    const tableB = createRedisReaderTable(b, 1500);
    const article = `article-${Math.random()}`;
    expect(await tableA.count(article, new Set(['user:1', 'guest:x']))).toBe(2);
    expect(await tableB.count(article, new Set(['user:1', 'guest:y']))).toBe(3);
    expect(await tableA.count(article, new Set(['user:1', 'guest:x', 'guest:z']))).toBe(4);
    expect(await tableA.count(article, new Set(['guest:x']))).toBe(3);

    // B stops writing (as a killed process would): its readers drop out when its set expires.
    await waitUntil(async () => (await tableA.count(article, new Set(['guest:x']))) === 1, 'B’s set to expire', 10_000);

    // Redis restarts empty: a delta would be wrong, so A writes its whole set again.
    await tableB.count(article, new Set(['guest:y']));
    await redis.stop();
    await expect(tableA.count(article, new Set(['guest:x']))).rejects.toThrow();
    await redis.start();
    await waitUntil(() => a.isUp() && b.isUp(), 'both links back');
    expect(await tableA.count(article, new Set(['guest:x', 'guest:w']))).toBe(2);
    expect(await tableB.count(article, new Set(['guest:y']))).toBe(3);
    await tableB.clear([article]);
    expect(await tableA.count(article, new Set(['guest:x', 'guest:w']))).toBe(2);
  }, 30_000);
});
