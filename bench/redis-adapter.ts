/**
 * npm run bench:redis — what a broadcast costs Redis with socket.io's Redis streams adapter (the
 * adapter server/realtime/cluster.ts gives every process), for docs/SCALING.md. Starts a
 * redis-server of its own, then for N = 3, 9 and 27 processes (socket.io servers with the adapter,
 * in this process, each with one client in the room), broadcasts an `article:change`-sized message
 * to the room from one of them:
 *
 * - one at a time (each waits until every client has it): Redis commands per broadcast when traffic
 *   is light (INFO commandstats);
 * - in a burst of BURST broadcasts: commands per broadcast when XREAD batches, the broadcasts per
 *   second, and Redis CPU time per 1,000 broadcasts (INFO cpu), which is what limits one Redis.
 *
 * Writes bench/results/redis-adapter.json and redis-adapter.md.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { startRedis } from '../test/helpers/redis-server.js';

const ONE_BY_ONE = Number(process.env.ONE_BY_ONE ?? 300);
const BURST = Number(process.env.BURST ?? 5000);
const PAYLOAD = {
  articleId: 'a'.repeat(36),
  seq: 1,
  kind: 'comment.created',
  comment: { id: 'c'.repeat(36), body: 'x'.repeat(300), authorName: 'someone', upvotes: 0, downvotes: 0 },
};

type Redis = ReturnType<typeof createClient>;

async function commandStats(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const m of info.matchAll(/^cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/gm)) calls[m[1]!] = Number(m[2]);
  return calls;
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

function perBroadcast(before: Record<string, number>, after: Record<string, number>, n: number) {
  const out: Record<string, number> = {};
  for (const [cmd, calls] of Object.entries(after)) {
    const d = calls - (before[cmd] ?? 0);
    if (d > 0 && !['info', 'client|setinfo', 'hello', 'ping'].includes(cmd)) out[cmd] = +(d / n).toFixed(3);
  }
  return out;
}

async function cluster(url: string, processes: number) {
  const servers: Array<{ http: HttpServer; io: Server; redis: Redis }> = [];
  const clients: Socket[] = [];
  let received = 0;
  for (let i = 0; i < processes; i++) {
    const redis = createClient({ url });
    redis.on('error', () => undefined);
    await redis.connect();
    const http = createServer();
    const io = new Server(http, {
      adapter: createAdapter(redis, { streamName: 'parley:socket.io', channelPrefix: 'parley:socket.io' }),
    });
    io.on('connection', (s) => void s.join('article:x'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    servers.push({ http, io, redis });
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      forceNew: true,
    });
    client.on('article:change', () => received++);
    await new Promise<void>((r) => client.once('connect', () => r()));
    clients.push(client);
  }
  await new Promise((r) => setTimeout(r, 500));
  return {
    servers,
    received: () => received,
    async close() {
      for (const c of clients) c.close();
      for (const s of servers) {
        await new Promise<void>((r) => s.io.close(() => r()));
        if (s.redis.isOpen) await s.redis.close();
      }
    },
  };
}

const waitFor = async (done: () => boolean) => {
  const until = performance.now() + 60_000;
  while (!done()) {
    if (performance.now() > until) throw new Error('broadcasts did not arrive');
    await new Promise((r) => setImmediate(r));
  }
};

const redis = await startRedis();
const probe = createClient({ url: redis.url });
await probe.connect();
const runs = [];
try {
  for (const processes of [3, 9, 27]) {
    const c = await cluster(redis.url, processes);
    const from = c.servers[0]!.io;

    let s0 = await commandStats(probe);
    const lightCpu0 = await redisCpu(probe);
    for (let i = 0; i < ONE_BY_ONE; i++) {
      const want = c.received() + processes;
      from.to('article:x').emit('article:change', PAYLOAD);
      await waitFor(() => c.received() >= want);
    }
    const lightCpu = (await redisCpu(probe)) - lightCpu0;
    const light = perBroadcast(s0, await commandStats(probe), ONE_BY_ONE);

    s0 = await commandStats(probe);
    const cpu0 = await redisCpu(probe);
    const start = performance.now();
    const want = c.received() + BURST * processes;
    for (let i = 0; i < BURST; i++) from.to('article:x').emit('article:change', PAYLOAD);
    await waitFor(() => c.received() >= want);
    const seconds = (performance.now() - start) / 1000;
    const cpu = (await redisCpu(probe)) - cpu0;
    const burst = perBroadcast(s0, await commandStats(probe), BURST);
    runs.push({
      processes,
      light,
      lightRedisCpuMsPer1000: +((lightCpu * 1000 * 1000) / ONE_BY_ONE).toFixed(1),
      burst,
      burstPerSecond: Math.round(BURST / seconds),
      redisCpuMsPer1000: +((cpu * 1000 * 1000) / BURST).toFixed(1),
    });
    console.log(JSON.stringify(runs.at(-1)));
    await c.close();
    await probe.del('parley:socket.io');
  }
} finally {
  await probe.close();
  await redis.stop();
}

const result = {
  when: new Date().toISOString(),
  node: process.version,
  payloadBytes: JSON.stringify(PAYLOAD).length,
  oneByOne: ONE_BY_ONE,
  burst: BURST,
  runs,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/redis-adapter.json', JSON.stringify(result, null, 2) + '\n');
const fmt = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
const table = [
  '# Redis cost of a broadcast (socket.io Redis streams adapter)',
  '',
  `Run ${result.when} on Node ${result.node}; payload ${result.payloadBytes} bytes of JSON; one client per process.`,
  '',
  '| processes | one at a time: commands per broadcast | Redis CPU ms per 1,000 | burst: commands per broadcast | Redis CPU ms per 1,000 | burst broadcasts/s |',
  '| --- | --- | --- | --- | --- | --- |',
  ...runs.map(
    (r) =>
      `| ${r.processes} | ${fmt(r.light)} | ${r.lightRedisCpuMsPer1000} | ${fmt(r.burst)} | ${r.redisCpuMsPer1000} | ${r.burstPerSecond} |`,
  ),
  '',
].join('\n');
writeFileSync('bench/results/redis-adapter.md', table);
console.log('\n' + table);
