/**
 * The start every "across processes" integration test shares: a redis-server of its own, one SQLite
 * folder, and N Parley child processes on both (REDIS_URL); the first imports the demo article, the
 * others open the same store. Registers its own beforeAll/afterAll: sockets handed to `track` are
 * closed, the processes killed, Redis stopped and the folder removed at the end.
 *
 *   const cluster = useProcessCluster('front', { processes: 2, env: { COMMENTS_PER_MINUTE: '1000' } });
 *   describe.skipIf(redisTool.skip)('…', () => { it('…', async () => { const [a, b] = cluster.processes; … }); });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startChildParley, type ChildParley } from './child.js';
import { redisTool, startRedis, type TestRedis } from './redis-server.js';

export interface ProcessCluster {
  /** Filled by beforeAll; empty when there is no redis-server (the tests skip then). */
  readonly processes: ChildParley[];
  readonly redis: TestRedis;
  /** Closed at the end of the file. */
  track<T extends { close(): unknown }>(socket: T): T;
}

export function useProcessCluster(
  name: string,
  /** `env` may be a function, read when the processes start (after the file's earlier beforeAll hooks). */
  options: { processes?: number; env?: Record<string, string> | (() => Record<string, string>) } = {},
): ProcessCluster {
  const processes: ChildParley[] = [];
  const sockets: Array<{ close(): unknown }> = [];
  let redis: TestRedis | undefined;
  let dir = '';

  beforeAll(async () => {
    if (redisTool.skip) return;
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), `parley-${name}-cluster-`));
    const extra = typeof options.env === 'function' ? options.env() : options.env;
    const env = { REDIS_URL: redis.url, TOKEN_SECRET: 'c'.repeat(40), DEMO_DEBATE: 'false', ...extra };
    // The first imports the demo; the others start together on the migrated store.
    processes.push(await startChildParley(dir, { ...env, DEMO: 'true' }));
    const others = Array.from({ length: (options.processes ?? 2) - 1 }, () =>
      startChildParley(dir, { ...env, DEMO: 'false' }),
    );
    processes.push(...(await Promise.all(others)));
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(processes.map((p) => p.kill()));
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    processes,
    get redis() {
      if (!redis) throw new Error('no redis-server: the cluster tests skip');
      return redis;
    },
    track(socket) {
      sockets.push(socket);
      return socket;
    },
  };
}
