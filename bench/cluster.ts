/**
 * npm run bench (after the thread-open bench), or on its own: npx tsx bench/cluster.ts — what the
 * cluster costs in server CPU. In one run it measures the same load on two shapes:
 *
 * - single: one Parley process, no Redis;
 * - cluster: three Parley processes on one DATA_DIR (SQLite) and a private redis-server on a free
 *   port (socket.io's Redis streams adapter, server/realtime/cluster.ts).
 *
 * The load: READERS bare WebSocket readers joined to the demo article (spread evenly over the
 * processes), and WRITERS signed-in writers (likewise spread) posting RATE comments per second in
 * all, on a fixed schedule (not waiting for each other's acknowledgements), for SECONDS. Each
 * comment carries a marker (window, index, send time; bench/delivery-tally.ts), so every reader's
 * every delivery is checked off: lost, duplicated, and the delivery latency (send to receipt, one
 * clock: readers and writers are this process).
 *
 * The figure: server CPU per delivery, the user + system time of every Parley process (from /proc,
 * so whatever else the machine does is not counted) over the window, divided by the deliveries.
 * redis-server's CPU is reported apart, not in the sum. The machine is small and shared, so the
 * shapes run in alternation (single, cluster, then cluster, single, ...) for ROUNDS rounds, every
 * process and reader connected throughout; each round gives a ratio cluster / single and the
 * verdict is on the median ratio: at most MAX_RATIO (1.3) passes.
 *
 * Settings (environment): CLUSTER_READERS (2000, the audience of issue 11's fan-out), CLUSTER_WRITERS
 * (3), CLUSTER_RATE (20), CLUSTER_SECONDS (15), CLUSTER_ROUNDS (5), CLUSTER_PROCESSES (3: the cluster
 * shape's processes), CLUSTER_WARMUP_SECONDS (5: an unmeasured lead-in at the same rate right before
 * each window, so the window measures the steady state, not each process's JIT warming up; 0: each
 * window starts from idle).
 *
 * What the ratio depends on: each process pays a fixed cost per comment (reading the stream entry
 * from Redis: an XREAD round trip, decoding, encoding the frame once) on top of the per-reader cost
 * both shapes share, so the ratio falls as readers per comment grow. Measured here on 2 cores:
 * 2000 readers in the steady state 1.09-1.18x; 1500 readers from idle 1.25-1.44x.
 * Writes bench/results/cluster.json and cluster.md.
 * Linux only (/proc); needs redis-server on PATH.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance, type Histogram } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ParleyClientSocket } from '../client/src/realtime/requests.js';
import { startChildParley, type ChildParley } from '../test/helpers/child.js';
import { connectSocket, newUser } from '../test/helpers/live.js';
import { ask, must } from '../test/helpers/moderation.js';
import { redisTool, startRedis, type TestRedis } from '../test/helpers/redis-server.js';
import { api } from '../test/helpers/server.js';
import { DeliveryTally, latencyMs, marker, mergeHistograms } from './delivery-tally.js';
import { bareReader, procCpu, procStat, type BareReader } from './probes.js';

export interface ClusterBenchSettings {
  readers: number;
  writers: number;
  /** Comments per second, all writers together. */
  rate: number;
  seconds: number;
  /** Rounds of one window per shape. */
  rounds: number;
  /** Parley processes of the cluster shape. */
  processes: number;
  /** Unmeasured lead-in before each window, at the same rate (0: none, the window starts from idle). */
  warmupSeconds: number;
}

export function clusterSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterBenchSettings {
  const num = (name: string, fallback: number, least = Number.MIN_VALUE) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value < least) throw new Error(`${name} must be a number of at least ${least}`);
    return value;
  };
  return {
    readers: Math.round(num('CLUSTER_READERS', 2000)),
    writers: Math.round(num('CLUSTER_WRITERS', 3)),
    rate: num('CLUSTER_RATE', 20),
    seconds: num('CLUSTER_SECONDS', 15),
    rounds: Math.round(num('CLUSTER_ROUNDS', 5)),
    processes: Math.round(num('CLUSTER_PROCESSES', 3)),
    warmupSeconds: num('CLUSTER_WARMUP_SECONDS', 5, 0),
  };
}

/** The acceptance: the cluster may spend at most this much more server CPU per delivery. */
export const MAX_RATIO = 1.3;
const SLUG = 'pakistan-afghanistan-peace-talks';
const BODY = 'A comment of about the usual length, to be delivered to every reader of the article. '.repeat(2);
/** After the last acknowledgement, how long deliveries may take to arrive before the rest count as lost. */
const DRAIN_MS = 20_000;
const SETTLE_MS = 1500;
/** The idle measurement: both shapes connected, nothing posted. */
const IDLE_MS = 5000;
/** The settings of every Parley process, alone or in the cluster (limits out of the way). */
const PARLEY_ENV = {
  TOKEN_SECRET: 'c'.repeat(40),
  COMMENTS_PER_MINUTE: '100000',
  VOTES_PER_MINUTE: '100000',
  SOCKET_EVENTS_PER_SECOND: '100000',
  DEMO_DEBATE: 'false',
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let t0 = performance.now();
function log(line: string) {
  console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
}

type ShapeKey = 'single' | 'cluster';

interface Shape {
  key: ShapeKey;
  label: string;
  children: ChildParley[];
  articleId: string;
  writers: ParleyClientSocket[];
  readers: BareReader[];
  /** The measured window's check-off (bench/delivery-tally.ts), null between windows. */
  tally: DeliveryTally | null;
  /** article:change frames outside any window's markers (warm-up comments, late arrivals). */
  other: number;
}

/** Checks off a frame's marked comments (one, or several in a busy tick's `article:changes`). */
function receive(shape: Shape, reader: number, frame: Buffer) {
  if (shape.tally) shape.tally.receive(reader, frame);
  else shape.other++;
}

/** Starts a shape's processes; each is also added to `started`, so that all are stopped whatever fails. */
async function startShape(
  dir: string,
  redis: TestRedis | null,
  processes: number,
  started: ChildParley[],
): Promise<ChildParley[]> {
  const start = async (env: Record<string, string>) => {
    const child = await startChildParley(dir, env);
    started.push(child);
    return child;
  };
  if (!redis) return [await start(PARLEY_ENV)];
  const env = { ...PARLEY_ENV, REDIS_URL: redis.url };
  // The first imports the demo article into the empty store; the others find it there.
  const first = await start(env);
  const rest = await Promise.all(Array.from({ length: processes - 1 }, () => start({ ...env, DEMO: 'false' })));
  return [first, ...rest];
}

async function connectWriters(shape: Shape, count: number) {
  for (let i = 0; i < count; i++) {
    const child = shape.children[i % shape.children.length]!;
    const user = await newUser(child.url, `cw${shape.key}${i}`);
    const socket = await connectSocket(child.url, user.token);
    shape.writers.push(socket);
    // Warm the path (and the writer's standing) before anything is measured.
    await must(socket, 'comment:create', { articleId: shape.articleId, body: `warm-up ${i}` });
  }
}

async function connectReaders(shape: Shape, count: number) {
  const batch = 100; // so the accept queues are not flooded
  for (let start = 0; start < count; start += batch) {
    const opened: BareReader[] = [];
    for (let r = start; r < Math.min(count, start + batch); r++) {
      const child = shape.children[r % shape.children.length]!;
      opened.push(bareReader(child.url, SLUG, (frame) => receive(shape, r, frame)));
    }
    await Promise.all(opened.map((o) => o.joined));
    shape.readers.push(...opened);
    if (shape.readers.length % 500 === 0 || shape.readers.length === count)
      log(`  ${shape.key}: ${shape.readers.length}/${count} readers joined`);
  }
}

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + procStat(pid).cpuSeconds, 0);
const benchCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

let windowIds = 0;

/** One window: RATE comments/s for SECONDS, then the drain; CPU over both. */
async function runWindow(
  shape: Shape,
  settings: ClusterBenchSettings,
  redis: TestRedis,
  round: number,
  what = 'round',
) {
  const comments = Math.round(settings.rate * settings.seconds);
  const readers = shape.readers.length;
  const tally = new DeliveryTally(++windowIds, comments, readers);
  const pids = shape.children.map((c) => c.child.pid!);
  const redisPid = redis.process.pid!;
  log(`${shape.label}, ${what} ${round}: ${comments} comments at ${settings.rate}/s to ${readers} readers`);
  shape.tally = tally;
  const otherBefore = shape.other;
  const cpu0 = { parley: pids.map(procCpu), redis: cpuOf([redisPid]), bench: benchCpu() };
  const start = performance.now();

  let acked = 0;
  const failures: string[] = [];
  const acks: Array<Promise<void>> = [];
  const ticker = setInterval(() => {
    log(`  ${shape.key} r${round}: ${acked} comments acknowledged, ${tally.unique} deliveries`);
  }, 5000);
  try {
    for (let i = 0; i < comments; i++) {
      const wait = start + (i * 1000) / settings.rate - performance.now();
      if (wait > 0) await sleep(wait);
      const writer = shape.writers[i % shape.writers.length]!;
      acks.push(
        ask(writer, 'comment:create', { articleId: shape.articleId, body: `${BODY}${marker(tally.window, i)}` }).then(
          (ack) => {
            if (ack.ok) acked++;
            else failures.push(ack.error.code);
          },
          (err: unknown) => void failures.push(String(err)),
        ),
      );
    }
    const sendSeconds = (performance.now() - start) / 1000;
    await Promise.all(acks);
    const expected = acked * readers;
    const drainUntil = performance.now() + DRAIN_MS;
    while (tally.unique < expected && performance.now() < drainUntil) await sleep(10);
    const wallSeconds = (performance.now() - start) / 1000;
    const deltas = pids.map((p, i) => {
      const [now, then] = [procCpu(p), cpu0.parley[i]!];
      return {
        user: now.user - then.user,
        system: now.system - then.system,
        involuntary: now.involuntary - then.involuntary,
      };
    });
    const perProcess = deltas.map((d) => +(d.user + d.system).toFixed(2));
    const total = (f: (d: (typeof deltas)[number]) => number) => deltas.reduce((n, d) => n + f(d), 0);
    const parleyCpu = total((d) => d.user + d.system);
    const redisCpu = cpuOf([redisPid]) - cpu0.redis;
    const bench = benchCpu() - cpu0.bench;
    shape.tally = null;

    const latency = latencyMs(tally.latencyUs);
    const result = {
      round,
      shape: shape.key,
      processes: pids.length,
      readers,
      comments: {
        planned: comments,
        acknowledged: acked,
        failed: failures.length,
        failures: [...new Set(failures)].slice(0, 5),
        perSecond: +(comments / sendSeconds).toFixed(1),
      },
      deliveries: {
        expected,
        received: tally.unique,
        lost: expected - tally.unique,
        duplicates: tally.duplicates,
        other: shape.other - otherBefore + tally.other,
      },
      latencyMs: latency,
      wallSeconds: +wallSeconds.toFixed(2),
      cpuSeconds: {
        parley: +parleyCpu.toFixed(2),
        parleyUser: +total((d) => d.user).toFixed(2),
        parleySystem: +total((d) => d.system).toFixed(2),
        perProcess,
        redis: +redisCpu.toFixed(2),
        bench: +bench.toFixed(2),
      },
      /** Server CPU per delivery, in microseconds: the figure compared. */
      cpuPerDeliveryUs: +((parleyCpu * 1e6) / Math.max(1, tally.unique)).toFixed(2),
      /** Times the processes' event-loop threads were preempted: how contended the machine was. */
      preemptions: total((d) => d.involuntary),
      redisCpuPerDeliveryUs: +((redisCpu * 1e6) / Math.max(1, tally.unique)).toFixed(2),
    };
    log(
      `  ${shape.key} r${round}: ${result.deliveries.received}/${expected} delivered` +
        ` (${result.deliveries.lost} lost, ${tally.duplicates} duplicated), p50 ${latency.p50} ms, p99 ${latency.p99} ms;` +
        ` Parley CPU ${result.cpuSeconds.parley} s = ${result.cpuPerDeliveryUs} µs/delivery` +
        `, redis ${result.cpuSeconds.redis} s, bench ${result.cpuSeconds.bench} s`,
    );
    return { result, latencies: tally.latencyUs };
  } finally {
    clearInterval(ticker);
    shape.tally = null;
  }
}

type WindowResult = Awaited<ReturnType<typeof runWindow>>['result'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function summarise(windows: WindowResult[], latencies: Histogram[]) {
  const sum = (f: (w: WindowResult) => number) => windows.reduce((n, w) => n + f(w), 0);
  return {
    processes: windows[0]?.processes ?? 0,
    cpuPerDeliveryUs: +median(windows.map((w) => w.cpuPerDeliveryUs)).toFixed(2),
    cpuPerDeliveryUsByRound: windows.map((w) => w.cpuPerDeliveryUs),
    redisCpuPerDeliveryUs: +median(windows.map((w) => w.redisCpuPerDeliveryUs)).toFixed(2),
    parleyCpuSeconds: +sum((w) => w.cpuSeconds.parley).toFixed(2),
    redisCpuSeconds: +sum((w) => w.cpuSeconds.redis).toFixed(2),
    comments: sum((w) => w.comments.acknowledged),
    commentsFailed: sum((w) => w.comments.failed),
    expected: sum((w) => w.deliveries.expected),
    received: sum((w) => w.deliveries.received),
    lost: sum((w) => w.deliveries.lost),
    duplicates: sum((w) => w.deliveries.duplicates),
    latencyMs: latencyMs(mergeHistograms(latencies)),
  };
}

/** A text bar per shape, as long as its CPU per delivery. */
function bars(rows: Array<[string, number]>, width = 50) {
  const most = Math.max(...rows.map(([, v]) => v));
  const labelWidth = Math.max(...rows.map(([l]) => l.length));
  return rows.map(
    ([label, v]) => `${label.padEnd(labelWidth)} ${'█'.repeat(Math.max(1, Math.round((v / most) * width)))} ${v} µs`,
  );
}

/** Runs the bench, writes cluster.json and cluster.md into `resultsDir`; null when redis-server is missing. */
export async function runClusterBench(
  settings: ClusterBenchSettings = clusterSettingsFromEnv(),
  resultsDir = 'bench/results',
) {
  if (!redisTool.path) {
    console.warn('cluster bench skipped: redis-server is not on PATH');
    return null;
  }
  const began = (t0 = performance.now());
  log(
    `Parley bench: one process vs ${settings.processes} processes + Redis; ${settings.readers} readers, ` +
      `${settings.writers} writers, ${settings.rate} comments/s for ${settings.seconds} s, ${settings.rounds} rounds`,
  );
  const redis = await startRedis();
  const dirs = [mkdtempSync(join(tmpdir(), 'parley-bench-single-')), mkdtempSync(join(tmpdir(), 'parley-bench-cl-'))];
  const shapes: Shape[] = [];
  const started: ChildParley[] = [];
  try {
    const [single, cluster] = await Promise.all([
      startShape(dirs[0]!, null, 1, started),
      startShape(dirs[1]!, redis, settings.processes, started),
    ]);
    const pids = (children: ChildParley[]) => children.map((c) => c.child.pid).join(', ');
    log(
      `  single: pid ${pids(single)}; cluster: pids ${pids(cluster)}; redis-server pid ${redis.process.pid}, port ${redis.port}`,
    );
    for (const [key, children, label] of [
      ['single', single, 'single process, no Redis'],
      ['cluster', cluster, `${settings.processes} processes + Redis`],
    ] as const) {
      const article = (await api(children[0]!.url, `/api/articles/${SLUG}`)).body.article as { id: string };
      shapes.push({ key, label, children, articleId: article.id, writers: [], readers: [], tally: null, other: 0 });
    }
    for (const shape of shapes) await connectWriters(shape, settings.writers);
    for (const shape of shapes) await connectReaders(shape, settings.readers);
    await sleep(SETTLE_MS); // presence counts and the warm-up broadcasts settle
    // What the shapes cost doing nothing (readers connected, no comments), for reading the ratio.
    const idlePids = shapes.map((shape) => shape.children.map((c) => c.child.pid!));
    const idle0 = { parley: idlePids.map(cpuOf), redis: cpuOf([redis.process.pid!]), at: performance.now() };
    await sleep(IDLE_MS);
    const idleSeconds = (performance.now() - idle0.at) / 1000;
    const idle = {
      seconds: +idleSeconds.toFixed(2),
      ...Object.fromEntries(
        shapes.map((shape, i) => [
          shape.key,
          { parleyCpuPerSecond: +((cpuOf(idlePids[i]!) - idle0.parley[i]!) / idleSeconds).toFixed(3) },
        ]),
      ),
      redisCpuPerSecond: +((cpuOf([redis.process.pid!]) - idle0.redis) / idleSeconds).toFixed(3),
    } as { seconds: number; redisCpuPerSecond: number } & Record<ShapeKey, { parleyCpuPerSecond: number }>;
    log(
      `  idle for ${idle.seconds} s: Parley CPU ${idle.single.parleyCpuPerSecond} s/s single, ` +
        `${idle.cluster.parleyCpuPerSecond} s/s cluster; redis ${idle.redisCpuPerSecond} s/s`,
    );

    const windows: WindowResult[] = [];
    const latencies: Record<ShapeKey, Histogram[]> = { single: [], cluster: [] };
    for (let round = 1; round <= settings.rounds; round++) {
      // Alternate which goes first, so a drift in the machine's load does not favour one shape.
      const order = round % 2 ? shapes : [...shapes].reverse();
      for (const shape of order) {
        if (settings.warmupSeconds > 0)
          await runWindow(
            shape,
            { ...settings, seconds: settings.warmupSeconds },
            redis,
            round,
            'lead-in before round',
          );
        const { result, latencies: l } = await runWindow(shape, settings, redis, round);
        windows.push(result);
        latencies[shape.key].push(l);
        await sleep(SETTLE_MS);
      }
    }

    const of = (key: ShapeKey) => windows.filter((w) => w.shape === key).sort((a, b) => a.round - b.round);
    const ratios = of('cluster').map((c, i) => +(c.cpuPerDeliveryUs / of('single')[i]!.cpuPerDeliveryUs).toFixed(3));
    const summary = {
      single: summarise(of('single'), latencies.single),
      cluster: summarise(of('cluster'), latencies.cluster),
    };
    const medianRatio = +median(ratios).toFixed(3);
    const noLoss = summary.single.lost === 0 && summary.cluster.lost === 0;
    const result = {
      when: new Date().toISOString(),
      node: process.version,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? '',
        memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
      },
      store: 'sqlite',
      settings,
      idle,
      windows,
      summary,
      ratio: {
        byRound: ratios,
        median: medianRatio,
        ofMedians: +(summary.cluster.cpuPerDeliveryUs / summary.single.cpuPerDeliveryUs).toFixed(3),
        limit: MAX_RATIO,
        pass: medianRatio <= MAX_RATIO,
      },
      noLoss,
      pass: medianRatio <= MAX_RATIO && noLoss,
      totalSeconds: +((performance.now() - began) / 1000).toFixed(1),
    };
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'cluster.json'), JSON.stringify(result, null, 2) + '\n');
    const s = summary.single;
    const c = summary.cluster;
    const row = (name: string, x: typeof s) =>
      `| ${name} | ${x.processes} | ${x.cpuPerDeliveryUs} (${x.cpuPerDeliveryUsByRound.join(', ')}) | ` +
      `${x.redisCpuPerDeliveryUs} | ${x.received} of ${x.expected} (${x.lost} lost, ${x.duplicates} dup.) | ` +
      `${x.latencyMs.p50} | ${x.latencyMs.p99} |`;
    const table = [
      '# Server CPU per delivery: one process vs a cluster',
      '',
      `Run ${result.when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}, SQLite store; ` +
        `${result.totalSeconds} s in all (bench/cluster.ts).`,
      `Same load on both: ${settings.readers} bare WebSocket readers of one article, ${settings.writers} writers posting ` +
        `${settings.rate} comments/s for ${settings.seconds} s; readers and writers spread evenly over the processes; ` +
        (settings.warmupSeconds > 0
          ? `each window right after an unmeasured ${settings.warmupSeconds} s lead-in at the same rate.`
          : 'each window starting from idle.'),
      `${settings.rounds} round${settings.rounds === 1 ? '' : 's'}, the shapes alternating (the order flips each round). Server CPU is the user + system ` +
        'time of every Parley process over the window (sending and draining), from /proc; redis-server apart.',
      '',
      '| shape | processes | Parley CPU per delivery, µs: median (by round) | redis-server CPU per delivery, µs | deliveries received of expected | latency p50, ms | latency p99, ms |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      row('single process, no Redis', s),
      row(`${settings.processes} processes + Redis`, c),
      '',
      `**Ratio cluster / single: ${medianRatio}x** (median of the rounds: ${ratios.join(', ')}; ratio of the medians ` +
        `${result.ratio.ofMedians}x). Limit ${MAX_RATIO}x: **${result.ratio.pass ? 'PASS' : 'FAIL'}**. ` +
        `Deliveries: ${noLoss ? 'none lost' : `${s.lost + c.lost} LOST`}.`,
      '',
      'Parley CPU per delivery (median of the rounds):',
      '',
      '```',
      ...bars([
        ['single  ', s.cpuPerDeliveryUs],
        ['cluster ', c.cpuPerDeliveryUs],
        ['  +redis', +(c.cpuPerDeliveryUs + c.redisCpuPerDeliveryUs).toFixed(2)],
      ]),
      '```',
      '',
      '| round | shape | comments acknowledged (/s) | deliveries | lost | p50 / p99 ms | Parley CPU s (per process) | user / sys s | preemptions | redis CPU s | bench CPU s | µs per delivery |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...windows.map(
        (w) =>
          `| ${w.round} | ${w.shape} | ${w.comments.acknowledged} (${w.comments.perSecond}) | ${w.deliveries.received} of ` +
          `${w.deliveries.expected} | ${w.deliveries.lost} | ${w.latencyMs.p50} / ${w.latencyMs.p99} | ` +
          `${w.cpuSeconds.parley} (${w.cpuSeconds.perProcess.join(' + ')}) | ` +
          `${w.cpuSeconds.parleyUser} / ${w.cpuSeconds.parleySystem} | ${w.preemptions} | ${w.cpuSeconds.redis} | ` +
          `${w.cpuSeconds.bench} | ${w.cpuPerDeliveryUs} |`,
      ),
      '',
      `Idle (readers connected, nothing posted, ${idle.seconds} s): Parley CPU ${idle.single.parleyCpuPerSecond} s/s ` +
        `single, ${idle.cluster.parleyCpuPerSecond} s/s cluster; redis-server ${idle.redisCpuPerSecond} s/s. ` +
        'The windows include this base cost.',
      '',
      'The readers and writers run in the bench process on the same machine, so latency includes its own ' +
        'event-loop delay; CPU time does not depend on it, but preemptions (involuntary context switches of the ' +
        'event-loop threads) show how contended the cores were. CLUSTER_PROCESSES=1 runs the cluster shape as one ' +
        'process on Redis: the adapter alone, apart from the cost of more processes on the same cores.',
      '',
    ].join('\n');
    writeFileSync(join(resultsDir, 'cluster.md'), table);
    console.log('\n' + table);
    if (!result.pass) process.exitCode = 1;
    return result;
  } finally {
    for (const shape of shapes) {
      for (const r of shape.readers) r.ws.terminate();
      for (const w of shape.writers) w.close();
    }
    await Promise.all(started.map((c) => c.kill()));
    await redis.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runClusterBench();
