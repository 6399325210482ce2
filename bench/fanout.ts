/**
 * npm run bench:fanout — what one Parley process can fan out, for docs/SCALING.md. Starts Parley in
 * a child process (SQLite, the demo article), connects READERS bare WebSocket readers to it (a
 * minimal socket.io client that only answers pings and counts `article:change` frames, so the
 * readers cost little next to the server), then:
 *
 * 1. memory per connection: the server's RSS before, and after each step of connected, joined
 *    readers (the slope, in KiB per connection);
 * 2. deliveries per second: WRITERS signed-in writers post comments as fast as they are
 *    acknowledged for SECONDS; every comment is delivered to every reader. It reports deliveries/s
 *    received, and the server's CPU time over the run (from /proc), so deliveries per server
 *    CPU-second is the capacity of one core whatever else the machine was doing.
 *
 * Settings (environment): READERS (default 4000), STEP (1000), WRITERS (4), SECONDS (15).
 * Writes bench/results/fanout.json and fanout.md. Linux only (/proc).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ParleyClientSocket } from '../client/src/realtime/requests.js';
import type { ArticleChange } from '../shared/events.js';
import { startChildParley } from '../test/helpers/child.js';
import { connectSocket, newUser } from '../test/helpers/live.js';
import { must } from '../test/helpers/moderation.js';
import { api } from '../test/helpers/server.js';
import { bareReader, commentsInFrame, procStat, type BareReader } from './probes.js';

const READERS = Number(process.env.READERS ?? 4000);
const STEP = Number(process.env.STEP ?? 1000);
const WRITERS = Number(process.env.WRITERS ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 15);
const SLUG = 'pakistan-afghanistan-peace-talks';
const BODY = 'A comment of about the usual length, to be delivered to every reader of the article. '.repeat(2);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let delivered = 0;
const countChange = (frame: Buffer) => void (delivered += commentsInFrame(frame));

const t0 = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'parley-fanout-'));
const server = await startChildParley(dir, {
  COMMENTS_PER_MINUTE: '100000',
  VOTES_PER_MINUTE: '100000',
  SOCKET_EVENTS_PER_SECOND: '100000',
  DEMO_DEBATE: 'false',
});
const pid = server.child.pid!;
const readers: BareReader[] = [];
const writers: ParleyClientSocket[] = [];
try {
  console.log(`Parley bench: fan-out of one process (pid ${pid}), ${READERS} readers, ${WRITERS} writers`);
  const article = (await api(server.url, `/api/articles/${SLUG}`)).body.article as { id: string };
  // Warm up the paths (a join, a comment) so the baseline is not the cold start.
  const warm = await newUser(server.url, 'warmup');
  const warmSocket = await connectSocket(server.url, warm.token);
  writers.push(warmSocket);
  await must(warmSocket, 'article:join', { slug: SLUG });
  await must(warmSocket, 'comment:create', { articleId: article.id, body: BODY });
  await sleep(1000);
  const base = procStat(pid);
  const memory: Array<{ readers: number; rssKiB: number }> = [{ readers: 0, rssKiB: base.rssKiB }];

  while (readers.length < READERS) {
    const batch = Array.from({ length: Math.min(STEP, READERS - readers.length) }, () =>
      bareReader(server.url, SLUG, countChange),
    );
    // Open in slices so the accept queue is not flooded.
    for (let i = 0; i < batch.length; i += 100) await Promise.all(batch.slice(i, i + 100).map((r) => r.joined));
    readers.push(...batch);
    await sleep(1500); // presence updates settle
    const { rssKiB } = procStat(pid);
    memory.push({ readers: readers.length, rssKiB });
    console.log(`  ${readers.length} readers joined: server RSS ${(rssKiB / 1024).toFixed(1)} MiB`);
  }
  const last = memory.at(-1)!;
  const kibPerConnection = (last.rssKiB - base.rssKiB) / last.readers;

  for (let i = 0; i < WRITERS; i++) {
    const w = await newUser(server.url, `writer${i}`);
    writers.push(await connectSocket(server.url, w.token));
  }
  delivered = 0;
  let comments = 0;
  const before = procStat(pid);
  const start = performance.now();
  const until = start + SECONDS * 1000;
  await Promise.all(
    writers.slice(1).map(async (socket) => {
      while (performance.now() < until) {
        await must<ArticleChange>(socket, 'comment:create', { articleId: article.id, body: BODY });
        comments++;
      }
    }),
  );
  const writeSeconds = (performance.now() - start) / 1000;
  // Let the last broadcasts drain to the readers.
  const expected = comments * READERS;
  const drainUntil = performance.now() + 30_000;
  while (delivered < expected && performance.now() < drainUntil) await sleep(50);
  const seconds = (performance.now() - start) / 1000;
  const after = procStat(pid);
  const serverCpu = after.cpuSeconds - before.cpuSeconds;

  const result = {
    when: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1) },
    store: 'sqlite',
    readers: READERS,
    writers: WRITERS,
    memory: {
      baselineMiB: +(base.rssKiB / 1024).toFixed(1),
      steps: memory.map((m) => ({ readers: m.readers, rssMiB: +(m.rssKiB / 1024).toFixed(1) })),
      kibPerConnection: +kibPerConnection.toFixed(1),
    },
    fanout: {
      comments,
      commentsPerSecond: +(comments / writeSeconds).toFixed(1),
      delivered,
      expected,
      lost: expected - delivered,
      seconds: +seconds.toFixed(2),
      deliveriesPerSecond: Math.round(delivered / seconds),
      serverCpuSeconds: +serverCpu.toFixed(2),
      serverCpuShare: +(serverCpu / seconds).toFixed(2),
      deliveriesPerServerCpuSecond: Math.round(delivered / serverCpu),
    },
    totalSeconds: +((performance.now() - t0) / 1000).toFixed(1),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/fanout.json', JSON.stringify(result, null, 2) + '\n');
  const f = result.fanout;
  const table = [
    '# Fan-out of one process',
    '',
    `Run ${result.when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}, ${result.store} store.`,
    `Readers and writers run on the same machine as the server (bare WebSocket readers, bench/fanout.ts).`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| readers (one article) | ${READERS} |`,
    `| server RSS, idle / with readers | ${result.memory.baselineMiB} MiB / ${result.memory.steps.at(-1)!.rssMiB} MiB |`,
    `| memory per connection (joined reader) | ${result.memory.kibPerConnection} KiB |`,
    `| comments posted (${WRITERS} writers, ${SECONDS} s) | ${f.comments} (${f.commentsPerSecond}/s) |`,
    `| deliveries (article:change frames received) | ${f.delivered} of ${f.expected} |`,
    `| deliveries per second (wall clock, drain included) | ${f.deliveriesPerSecond} |`,
    `| server CPU over the run | ${f.serverCpuSeconds} s (${Math.round(f.serverCpuShare * 100)} % of one core) |`,
    `| deliveries per server CPU-second | ${f.deliveriesPerServerCpuSecond} |`,
    '',
  ].join('\n');
  writeFileSync('bench/results/fanout.md', table);
  console.log('\n' + table);
} finally {
  for (const r of readers) r.ws.terminate();
  for (const w of writers) w.close();
  await server.kill();
  rmSync(dir, { recursive: true, force: true });
}
