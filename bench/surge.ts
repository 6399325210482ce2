/**
 * The surge bench (issue 11): Parley's live delivery under a burst of comments, against a bare
 * socket.io server (bench/bare-socketio.ts: one fat `article:change` frame per comment) started in
 * the same run. npm run bench runs it through `runSurgeBench`; alone: npx tsx bench/surge.ts.
 *
 * 1. fan-out: FANOUT_READERS readers, FANOUT_RATE comments/s for FANOUT_SECONDS (after an unmeasured
 *    lead-in at the same rate): server CPU per delivery and delivery latency p99. Goal: Parley at
 *    most 1.2x bare on both.
 * 2. knee: KNEE_READERS readers; after a lead-in at the first rate, the rate climbs KNEE_RATES,
 *    KNEE_STEP_SECONDS each, on each server. The knee is the highest rate whose step had delivery
 *    p99 <= 250 ms, nothing lost, every comment accepted, the rate actually sent and, on Parley,
 *    gap-free seqs at every reader; a failing step is run once more, and the climb stops at the first
 *    step that fails twice. Parley's climb goes on to 4x the bare knee if that is above KNEE_RATES. Goal: Parley's knee at least 4x the bare knee. The latency against
 *    rate is drawn in bench/results/surge-latency.svg.
 * 3. past the knee: 4x the bare knee for PAST_SECONDS on a fresh Parley with KNEE_READERS readers:
 *    server RSS (every 500 ms) at most 2x its idle figure (readers joined, nothing posted),
 *    acknowledgement p99 under 1 s, and every acknowledged comment at every reader, live or, for a
 *    reader the server held back and told to resync, through its sync by the end of the drain. The
 *    bare server runs the same for contrast.
 *
 * The load generator: readers are raw WebSocket clients spread over READER_THREADS worker threads
 * (bench/reader-pool.ts), writers are WRITERS signed-in socket.io clients in this thread posting on a
 * fixed schedule, each comment stamped with its send time (bench/delivery-tally.ts). Each window
 * records how busy the generator was (event-loop utilization and delay of every thread, the
 * process's CPU); a result whose generator was saturated says so.
 *
 * Settings (environment, SURGE_ prefix): FANOUT_READERS (2000), FANOUT_RATE (20), FANOUT_SECONDS
 * (20), LEAD_IN_SECONDS (5), KNEE_READERS (1000), KNEE_RATES (25,50,100,150,200,300,400,600,800),
 * KNEE_STEP_SECONDS (4), PAST_SECONDS (20), WRITERS (8), READER_THREADS (2). Writes
 * bench/results/surge.md, surge.json and surge-latency.svg. Linux only (/proc).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { procStat } from './probes.js';
import { ReaderPool } from './reader-pool.js';
import type { BenchContext, BenchScenario } from './scenario.js';
import { surgeChart, surgeMarkdown, surgeRows, type KneeRun, type PastRun, type SurgeResult } from './surge-report.js';
import { SERVER_LABEL, startTarget, type ServerKind, type SurgeTarget } from './surge-target.js';
import { runWindow, type WindowResult } from './surge-window.js';

export interface SurgeSettings {
  fanoutReaders: number;
  fanoutRate: number;
  fanoutSeconds: number;
  leadInSeconds: number;
  kneeReaders: number;
  kneeRates: number[];
  kneeStepSeconds: number;
  pastSeconds: number;
  writers: number;
  readerThreads: number;
}

export function surgeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SurgeSettings {
  const num = (name: string, fallback: number, least = 1) => {
    const value = Number(env[`SURGE_${name}`] ?? fallback);
    if (!Number.isFinite(value) || value < least)
      throw new Error(`SURGE_${name} must be a number of at least ${least}`);
    return value;
  };
  const rates = (env.SURGE_KNEE_RATES ?? '25,50,100,150,200,300,400,600,800').split(',').map(Number);
  if (rates.some((r) => !(r > 0))) throw new Error('SURGE_KNEE_RATES must be comments per second, comma-separated');
  return {
    fanoutReaders: Math.round(num('FANOUT_READERS', 2000)),
    fanoutRate: num('FANOUT_RATE', 20),
    fanoutSeconds: num('FANOUT_SECONDS', 20),
    leadInSeconds: num('LEAD_IN_SECONDS', 5, 0),
    kneeReaders: Math.round(num('KNEE_READERS', 1000)),
    kneeRates: [...rates].sort((a, b) => a - b),
    kneeStepSeconds: num('KNEE_STEP_SECONDS', 4),
    pastSeconds: num('PAST_SECONDS', 20),
    writers: Math.round(num('WRITERS', 8)),
    readerThreads: Math.round(num('READER_THREADS', 2)),
  };
}

/** The knee's limits on a step. */
export const KNEE_P99_MS = 250;
/** Below this share of the planned rate the generator did not send the step's load: the step does not count. */
const SENT_SHARE = 0.95;
const FANOUT_DRAIN_MS = 20_000;
/** A step whose deliveries are not all in this long after its last acknowledgement is far past 250 ms anyway. */
const KNEE_DRAIN_MS = 5_000;
/** Past the knee: time for the backlog to drain and for held-back readers to resync. */
const PAST_DRAIN_MS = 60_000;
const SETTLE_MS = 1500;
const IDLE_SAMPLE_MS = 3000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts a server, joins `readers` readers to it, runs `use`, and takes it all down again. */
async function withServer<T>(
  kind: ServerKind,
  readers: number,
  pool: ReaderPool,
  settings: SurgeSettings,
  ctx: BenchContext,
  use: (target: SurgeTarget) => Promise<T>,
): Promise<T> {
  const target = await startTarget(kind, settings.writers);
  try {
    ctx.progress(`  ${SERVER_LABEL[kind]} (pid ${target.server.pid}): joining ${readers} readers`);
    let reported = 0;
    await pool.connect(target.readers, readers, (joined) => {
      if (joined - reported >= 500 || joined === readers) {
        reported = joined;
        ctx.progress(`  ${SERVER_LABEL[kind]}: ${joined}/${readers} readers joined`);
      }
    });
    await sleep(SETTLE_MS);
    return await use(target);
  } finally {
    await pool.disconnect().catch(() => undefined);
    await target.stop();
  }
}

function describe(w: WindowResult): string {
  const d = w.deliveries;
  return (
    `${w.comments.acknowledged}/${w.comments.planned} acknowledged, ${d.unique}/${d.expected} delivered (${d.lost} lost), ` +
    `p50 ${w.latencyMs.p50} ms, p99 ${w.latencyMs.p99} ms, ack p99 ${w.ackMs.p99} ms, ${w.server.cpuPerDeliveryUs} µs CPU/delivery` +
    (d.seq ? `, seq gaps ${d.seq.gaps}` : '') +
    (d.resyncNotices ? `, ${d.resyncNotices} resyncs` : '')
  );
}

async function fanOut(
  pool: ReaderPool,
  s: SurgeSettings,
  ctx: BenchContext,
): Promise<Record<ServerKind, WindowResult>> {
  ctx.progress(`surge 1/3, fan-out: ${s.fanoutReaders} readers, ${s.fanoutRate} comments/s for ${s.fanoutSeconds} s`);
  const result = {} as Record<ServerKind, WindowResult>;
  for (const kind of ['bare', 'parley'] as const)
    result[kind] = await withServer(kind, s.fanoutReaders, pool, s, ctx, async (target) => {
      const plan = { rate: s.fanoutRate, drainMs: FANOUT_DRAIN_MS, label: `fan-out, ${SERVER_LABEL[kind]}` };
      if (s.leadInSeconds > 0)
        await runWindow(
          target,
          pool,
          { ...plan, seconds: s.leadInSeconds, label: `${plan.label}, lead-in` },
          ctx.progress,
        );
      const w = await runWindow(target, pool, { ...plan, seconds: s.fanoutSeconds }, ctx.progress);
      ctx.progress(`  fan-out, ${SERVER_LABEL[kind]}: ${describe(w)}`);
      return w;
    });
  return result;
}

/** Why a knee step fails (none: it passes). */
export function stepFailures(w: WindowResult, kind: ServerKind): string[] {
  const why: string[] = [];
  if (!(w.latencyMs.p99 <= KNEE_P99_MS)) why.push(`p99 ${w.latencyMs.p99} ms`);
  if (w.deliveries.lost > 0) why.push(`${w.deliveries.lost} lost`);
  if (w.comments.refused > 0) why.push(`${w.comments.refused} refused`);
  if (w.comments.sentPerSecond < w.rate * SENT_SHARE) why.push(`generator sent only ${w.comments.sentPerSecond}/s`);
  if (kind === 'parley' && (w.deliveries.seq?.gaps ?? 0) > 0) why.push(`${w.deliveries.seq!.gaps} seq gaps`);
  return why;
}

/**
 * One server's climb. A failing step is run once more and decides only if it fails again, so that a
 * single hiccup of the shared machine (a pause of another process) does not set the knee.
 */
async function climb(
  kind: ServerKind,
  rates: number[],
  pool: ReaderPool,
  s: SurgeSettings,
  ctx: BenchContext,
): Promise<KneeRun> {
  return withServer(kind, s.kneeReaders, pool, s, ctx, async (target) => {
    const run: KneeRun = { steps: [], knee: 0, topPassed: false };
    const label = `knee, ${SERVER_LABEL[kind]}`;
    const step = (rate: number, seconds: number, what = label) =>
      runWindow(target, pool, { rate, seconds, drainMs: KNEE_DRAIN_MS, label: what }, ctx.progress);
    // Unmeasured, at the first rate: the first step measures a warm server, not its JIT warming up.
    if (s.leadInSeconds > 0) await step(rates[0]!, s.leadInSeconds, `${label}, lead-in`);
    for (const rate of rates) {
      let failures: string[] = [];
      for (let attempt = 1; attempt <= 2; attempt++) {
        const w = await step(rate, s.kneeStepSeconds);
        failures = stepFailures(w, kind);
        run.steps.push({ ...w, failures, attempt });
        const verdict = failures.length ? `FAILS (${failures.join(', ')})` : 'passes';
        ctx.progress(`  ${label} @ ${rate}/s, attempt ${attempt}: ${verdict}; ${describe(w)}`);
        await sleep(SETTLE_MS);
        if (failures.length === 0) break;
      }
      if (failures.length) break;
      run.knee = rate;
    }
    run.topPassed = run.knee === rates.at(-1);
    return run;
  });
}

async function knee(pool: ReaderPool, s: SurgeSettings, ctx: BenchContext): Promise<Record<ServerKind, KneeRun>> {
  ctx.progress(
    `surge 2/3, knee: ${s.kneeReaders} readers, rates ${s.kneeRates.join(', ')}/s, ${s.kneeStepSeconds} s each`,
  );
  const bare = await climb('bare', s.kneeRates, pool, s, ctx);
  // Parley climbs at least to 4x the bare knee, so that the goal can be decided.
  const goalRate = 4 * bare.knee;
  const rates = goalRate > s.kneeRates.at(-1)! ? [...s.kneeRates, goalRate] : s.kneeRates;
  const parley = await climb('parley', rates, pool, s, ctx);
  return { bare, parley };
}

/** The server's RSS with readers joined and nothing posted: the median of a few samples, MiB. */
async function idleRssMiB(target: SurgeTarget): Promise<number> {
  const samples: number[] = [];
  for (let t = 0; t < IDLE_SAMPLE_MS; t += 500) {
    samples.push(procStat(target.server.pid).rssKiB / 1024);
    await sleep(500);
  }
  samples.sort((a, b) => a - b);
  return +samples[Math.floor(samples.length / 2)]!.toFixed(1);
}

async function pastKnee(
  pool: ReaderPool,
  s: SurgeSettings,
  rate: number,
  ctx: BenchContext,
): Promise<Record<ServerKind, PastRun>> {
  ctx.progress(`surge 3/3, past the knee: ${rate} comments/s for ${s.pastSeconds} s to ${s.kneeReaders} readers`);
  const result = {} as Record<ServerKind, PastRun>;
  for (const kind of ['parley', 'bare'] as const)
    result[kind] = await withServer(kind, s.kneeReaders, pool, s, ctx, async (target) => {
      const idle = await idleRssMiB(target);
      const label = `past the knee, ${SERVER_LABEL[kind]}`;
      const w = await runWindow(
        target,
        pool,
        { rate, seconds: s.pastSeconds, drainMs: PAST_DRAIN_MS, label },
        ctx.progress,
      );
      ctx.progress(`  ${label}: RSS ${idle} → max ${w.server.rssMaxMiB} MiB; ${describe(w)}`);
      return { idleRssMiB: idle, window: w };
    });
  return result;
}

export const runSurgeBench: BenchScenario = async (ctx) => {
  const settings = surgeSettingsFromEnv();
  const when = new Date().toISOString();
  const began = Date.now();
  const loadAtStart = loadavg();
  const pool = ReaderPool.start(settings.readerThreads);
  try {
    const fanout = await fanOut(pool, settings, ctx);
    const knees = await knee(pool, settings, ctx);
    // 4x the bare knee; a bare server that passed no step at all is taken at the lowest rate.
    const pastRate = 4 * (knees.bare.knee || settings.kneeRates[0]!);
    const past = await pastKnee(pool, settings, pastRate, ctx);
    const result: SurgeResult = {
      when,
      settings,
      fanout,
      knee: knees,
      pastRate,
      past,
      loadAverage: { start: loadAtStart.map((l) => +l.toFixed(2)), end: loadavg().map((l) => +l.toFixed(2)) },
      totalSeconds: +((Date.now() - began) / 1000).toFixed(1),
    };
    mkdirSync(ctx.resultsDir, { recursive: true });
    const files = { md: 'surge.md', json: 'surge.json', svg: 'surge-latency.svg' };
    writeFileSync(join(ctx.resultsDir, files.json), JSON.stringify(result, null, 2) + '\n');
    writeFileSync(join(ctx.resultsDir, files.svg), surgeChart(result));
    writeFileSync(join(ctx.resultsDir, files.md), surgeMarkdown(result, files.svg));
    const repo = fileURLToPath(new URL('..', import.meta.url));
    return {
      name: 'surge',
      rows: surgeRows(result),
      files: Object.values(files).map((f) => relative(repo, join(ctx.resultsDir, f))),
    };
  } finally {
    await pool.stop();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
  const started = Date.now();
  const result = await runSurgeBench({
    progress: (line) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`),
    resultsDir,
  });
  for (const r of result.rows)
    console.log(
      `${r.metric}: bare ${r.bare ?? '–'}, Parley ${r.parley}${r.ratio === null ? '' : `, ${r.ratio}x`}` +
        `${r.goal ? ` (goal ${r.goal}: ${r.pass ? 'pass' : 'FAIL'})` : ''}`,
    );
  if (result.rows.some((r) => r.pass === false)) process.exitCode = 1;
}
