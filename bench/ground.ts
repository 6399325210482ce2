/**
 * Common ground (issue 16): recomputing the opinion groups of 10,000 participants × 100 statements
 * stays under 1 s and never blocks the event loop for more than 50 ms.
 *
 * A planted matrix (three camps, 80 divisive and 20 shared statements, 30 % unseen cells;
 * test/helpers/planted-votes.ts) goes GROUND_RUNS times (default 5) through the analysis runner
 * (server/domain/common-ground/analysis-runner.ts), one run after another, after one first run
 * that starts the worker (reported apart: it pays for the thread, module loading and JIT warm-up).
 * While the runs go on, the main thread's event loop is watched two ways: perf_hooks'
 * monitorEventLoopDelay at 1 ms resolution, and the largest gap between two ticks of a 1 ms
 * setInterval. The bare baseline is the same watch over an idle event loop, in the same run.
 * For information: a control, a worker that only spins as long as a recompute takes, watched
 * the same way (what a busy two-core machine does to the main thread whatever the worker runs),
 * and the same recompute on the main thread (inline): what the worker saves the process's sockets.
 *
 * Run alone: `npx tsx bench/ground.ts`. Writes bench/results/ground.md and .json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createAnalysisRunner } from '../server/domain/common-ground/analysis-runner.js';
import type { AnalysisOutput, VoteMatrix } from '../server/domain/common-ground/analysis.js';
import { adjustedRandIndex, plantedMatrix } from '../test/helpers/planted-votes.js';
import { watchEventLoop, type LoopWatch } from './event-loop-watch.js';
import { DEBOUNCE_MS, measureGroundEngine, type EngineMeasure } from './ground-engine.js';
import type { BenchRow, BenchScenario } from './scenario.js';

const RECOMPUTE_GOAL_MS = 1000;
const BLOCKING_GOAL_MS = 50;
/**
 * Runs of a new worker before the measured ones: the first also starts the thread and loads the
 * modules, and V8 optimises the hot loops over the first few (on a busy machine its background
 * compiler takes a while). A server's worker lives on; these are reported apart.
 */
const WARMUP_RUNS = 2;
/** How long the idle baseline watches: about as long as the measured runs take. */
const IDLE_MS = 2000;
const PLANTED = { camps: [4500, 3500, 2000], divisive: 80, shared: 20, unseenShare: 0.3, seed: 16 };

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** Times `runs` recomputes, one after another, watching the event loop meanwhile. */
async function timeRuns(
  runs: number,
  recompute: () => Promise<AnalysisOutput>,
  onRun: (i: number, ms: number) => void,
): Promise<{ samplesMs: number[]; loop: LoopWatch; output: AnalysisOutput }> {
  const samplesMs: number[] = [];
  let output: AnalysisOutput | null = null;
  const loop = await watchEventLoop(async () => {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      output = await recompute();
      samplesMs.push(performance.now() - t0);
      onRun(i, samplesMs.at(-1)!);
      // Through the timers phase between runs, as a server's loop turns between recomputes: an
      // inline run resolves in a microtask, and the watch would otherwise see one block of all.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  });
  return { samplesMs, loop, output: output! };
}

/**
 * The control: a worker thread that only spins, `runs` times for `runMs`, watched the same way.
 * What the machine does to the main thread while any worker computes (two cores shared with
 * other work), as against what the analysis itself does.
 */
async function spinningWorker(runs: number, runMs: number): Promise<LoopWatch> {
  const spinner = new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (ms) => {
       const end = performance.now() + ms;
       let x = 0;
       while (performance.now() < end) x = Math.sqrt(x + 1);
       parentPort.postMessage(x);
     });`,
    { eval: true },
  );
  try {
    return await watchEventLoop(async () => {
      for (let i = 0; i < runs; i++) {
        await new Promise((resolve) => {
          spinner.once('message', resolve);
          spinner.postMessage(runMs);
        });
      }
    });
  } finally {
    await spinner.terminate();
  }
}

/** How well the groups found match the planted camps (placed participants only). */
function campMatch(output: AnalysisOutput, campOf: number[]): number {
  const placed = [...output.groupOf.keys()].filter((row) => output.groupOf[row]! >= 0);
  return adjustedRandIndex(
    placed.map((row) => output.groupOf[row]!),
    placed.map((row) => campOf[row]!),
  );
}

export const runGroundBench: BenchScenario = async (ctx) => {
  const runs = Number(process.env.GROUND_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('GROUND_RUNS must be a whole number, 1 or more');
  const started = performance.now();
  const planted = plantedMatrix(PLANTED);
  const matrix: VoteMatrix = planted.matrix;
  ctx.progress(`ground: planted ${matrix.rows.toLocaleString('en')} × ${matrix.cols} matrix, ${runs} run(s)`);

  const idle = await watchEventLoop(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
  ctx.progress(`ground: idle event loop: largest delay ${ms(idle.maxDelayMs)}, largest 1 ms gap ${ms(idle.maxGapMs)}`);

  const runner = createAnalysisRunner();
  const warmupMs: number[] = [];
  let worker: Awaited<ReturnType<typeof timeRuns>>;
  try {
    for (let i = 0; i < WARMUP_RUNS; i++) {
      const t0 = performance.now();
      await runner.run(matrix);
      warmupMs.push(performance.now() - t0);
      ctx.progress(`ground: warm-up run ${i + 1}/${WARMUP_RUNS}${i ? '' : ' (worker start)'}: ${ms(warmupMs[i]!)}`);
    }
    worker = await timeRuns(
      runs,
      () => runner.run(matrix),
      (i, t) => ctx.progress(`ground: worker run ${i + 1}/${runs}: ${ms(t)}`),
    );
  } finally {
    await runner.close();
  }
  ctx.progress(
    `ground: during worker runs: largest delay ${ms(worker.loop.maxDelayMs)}, largest 1 ms gap ${ms(worker.loop.maxGapMs)}`,
  );

  const control = await spinningWorker(runs, median(worker.samplesMs));
  ctx.progress(
    `ground: control, a worker spinning as long: largest delay ${ms(control.maxDelayMs)}, largest 1 ms gap ${ms(control.maxGapMs)}`,
  );

  const inlineRunner = createAnalysisRunner({ inline: true });
  const inline = await timeRuns(
    runs,
    () => inlineRunner.run(matrix),
    (i, t) => ctx.progress(`ground: inline run ${i + 1}/${runs}: ${ms(t)}`),
  );
  ctx.progress(`ground: during inline runs: largest delay ${ms(inline.loop.maxDelayMs)}`);

  const output = worker.output;
  const sameAsInline = JSON.stringify(comparable(output)) === JSON.stringify(comparable(inline.output));
  if (!sameAsInline) throw new Error('the worker and the inline analysis gave different outputs');
  const [workerMedian, workerMax] = [median(worker.samplesMs), Math.max(...worker.samplesMs)];
  const rows: BenchRow[] = [
    {
      metric: 'common ground 10,000 × 100: recompute in the worker, median',
      bare: null,
      parley: ms(workerMedian),
      ratio: null,
      goal: '< 1 s',
      pass: workerMedian < RECOMPUTE_GOAL_MS,
    },
    {
      metric: 'common ground 10,000 × 100: recompute in the worker, max',
      bare: null,
      parley: ms(workerMax),
      ratio: null,
      goal: '< 1 s',
      pass: workerMax < RECOMPUTE_GOAL_MS,
    },
    {
      metric: 'common ground: main event loop during worker recomputes, largest delay (monitorEventLoopDelay, 1 ms)',
      bare: ms(idle.maxDelayMs),
      parley: ms(worker.loop.maxDelayMs),
      ratio: null,
      goal: '≤ 50 ms',
      pass: worker.loop.maxDelayMs <= BLOCKING_GOAL_MS,
    },
    {
      metric: 'common ground: main event loop during worker recomputes, largest gap of a 1 ms interval',
      bare: ms(idle.maxGapMs),
      parley: ms(worker.loop.maxGapMs),
      ratio: null,
      goal: '≤ 50 ms',
      pass: worker.loop.maxGapMs <= BLOCKING_GOAL_MS,
    },
    {
      metric: 'common ground: main event loop while a worker only spins as long (control), largest 1 ms gap',
      bare: ms(idle.maxGapMs),
      parley: ms(control.maxGapMs),
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      metric: 'common ground: first recompute of a new worker (thread start, module load, JIT)',
      bare: null,
      parley: ms(warmupMs[0]!),
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      metric: 'common ground: the same recompute inline on the main thread, median (why the worker)',
      bare: null,
      parley: ms(median(inline.samplesMs)),
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      metric: 'common ground: main event loop during inline recomputes, largest delay',
      bare: ms(idle.maxDelayMs),
      parley: ms(inline.loop.maxDelayMs),
      ratio: null,
      goal: null,
      pass: null,
    },
  ];

  // The whole path: votes in the store, the engine loading them and recomputing as more arrive.
  const engine = await measureGroundEngine(matrix, ctx.progress);
  rows.push(
    {
      metric: `common ground through the server: first analysis of ${engine.storedVotes.toLocaleString('en')} stored votes (paged load + recompute)`,
      bare: null,
      parley: ms(engine.coldMs),
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      metric: 'common ground through the server: main event loop during that first load, largest delay',
      bare: ms(idle.maxDelayMs),
      parley: ms(engine.coldLoop.maxDelayMs),
      ratio: null,
      goal: '≤ 50 ms',
      pass: engine.coldLoop.maxDelayMs <= BLOCKING_GOAL_MS,
    },
    {
      metric: `common ground through the server: last of 1,000 live votes → the analysis that counts it (the ${DEBOUNCE_MS} ms debounce included)`,
      bare: null,
      parley: ms(engine.liveMs),
      ratio: null,
      goal: `< 1 s + ${DEBOUNCE_MS} ms`,
      pass: engine.liveMs < RECOMPUTE_GOAL_MS + DEBOUNCE_MS,
    },
    {
      metric: 'common ground through the server: main event loop while votes arrive and it recomputes, largest delay',
      bare: ms(idle.maxDelayMs),
      parley: ms(engine.liveLoop.maxDelayMs),
      ratio: null,
      goal: '≤ 50 ms',
      pass: engine.liveLoop.maxDelayMs <= BLOCKING_GOAL_MS,
    },
  );

  const when = new Date().toISOString();
  const result = {
    engine,
    when,
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
    settings: { runs, planted: PLANTED, idleMs: IDLE_MS },
    found: {
      participants: output.participants,
      groups: output.groups.map((g) => g.size),
      adjustedRandIndex: +campMatch(output, planted.campOf).toFixed(4),
      consensus: output.consensus.length,
      divisive: output.divisive.length,
    },
    warmupMs: warmupMs.map((t) => +t.toFixed(1)),
    workerSamplesMs: worker.samplesMs.map((t) => +t.toFixed(1)),
    inlineSamplesMs: inline.samplesMs.map((t) => +t.toFixed(1)),
    eventLoop: { idle, worker: worker.loop, control, inline: inline.loop },
    rows,
    totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
  };
  mkdirSync(ctx.resultsDir, { recursive: true });
  writeFileSync(join(ctx.resultsDir, 'ground.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(ctx.resultsDir, 'ground.md'), markdown(result));
  return { name: 'ground', rows, files: ['bench/results/ground.md', 'bench/results/ground.json'] };
};

/** The output with its typed arrays as plain arrays, to compare two outputs as JSON. */
const comparable = (output: AnalysisOutput) => ({
  ...output,
  groupOf: [...output.groupOf],
  coords: [...output.coords],
});

function markdown(result: {
  engine: EngineMeasure;
  when: string;
  node: string;
  machine: { cpus: number; model: string };
  settings: { runs: number };
  found: { participants: number; groups: number[]; adjustedRandIndex: number; consensus: number; divisive: number };
  warmupMs: number[];
  workerSamplesMs: number[];
  inlineSamplesMs: number[];
  eventLoop: Record<'idle' | 'worker' | 'control' | 'inline', LoopWatch>;
  rows: BenchRow[];
  totalSeconds: number;
}): string {
  const watch = (name: string, w: LoopWatch) =>
    `| ${name} | ${ms(w.maxDelayMs)} | ${ms(w.p99DelayMs)} | ${ms(w.maxGapMs)} |`;
  return [
    '# Common ground: recomputing the opinion groups of 10,000 participants × 100 statements',
    '',
    `Run ${result.when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}; ${result.totalSeconds} s in all (bench/ground.ts).`,
    `Planted matrix: camps of ${PLANTED.camps.join(', ')}, ${PLANTED.divisive} divisive and ${PLANTED.shared} shared statements, ${PLANTED.unseenShare * 100} % of cells unseen (seed ${PLANTED.seed}).`,
    `Found: ${result.found.participants} placed, groups of ${result.found.groups.join(', ')} (adjusted Rand index against the camps ${result.found.adjustedRandIndex}), ${result.found.consensus} consensus and ${result.found.divisive} divisive statements listed. The worker's output equals the inline one.`,
    '',
    '| metric | idle (bare) | Parley | goal | pass |',
    '| --- | --- | --- | --- | --- |',
    ...result.rows.map(
      (r) =>
        `| ${r.metric} | ${r.bare ?? '–'} | ${r.parley} | ${r.goal ?? '–'} | ${r.pass === null ? '–' : r.pass ? 'yes' : 'no'} |`,
    ),
    '',
    `Every recompute, ms (${result.settings.runs} each, one after another, after ${WARMUP_RUNS} warm-up runs of the new worker: ${result.warmupMs.join(', ')}):`,
    '',
    `- worker: ${result.workerSamplesMs.join(', ')}`,
    `- inline: ${result.inlineSamplesMs.join(', ')}`,
    '',
    "The main thread's event loop (monitorEventLoopDelay at 1 ms resolution: its figures include that 1 ms; and the largest gap between two ticks of a 1 ms setInterval):",
    '',
    '| while | largest delay | p99 delay | largest 1 ms gap |',
    '| --- | --- | --- | --- |',
    watch(`idle, ${IDLE_MS / 1000} s (baseline)`, result.eventLoop.idle),
    watch('worker recomputes', result.eventLoop.worker),
    watch('control: a worker spinning as long as a recompute, as often', result.eventLoop.control),
    watch('inline recomputes', result.eventLoop.inline),
    watch('through the server: the first load of the stored votes', result.engine.coldLoop),
    watch('through the server: 1,000 live votes and the recomputations', result.engine.liveLoop),
    '',
    `Through the server: ${result.engine.storedVotes} votes stored in ${result.engine.storeSeconds.toFixed(1)} s (SQLite, one upsert each), loaded and analysed in ${ms(result.engine.coldMs)}; 1,000 live votes at about 1,000 a second made ${result.engine.recomputations} recomputations (debounce ${DEBOUNCE_MS} ms), and the analysis counting the last came ${ms(result.engine.liveMs)} after it.`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
  const result = await runGroundBench({ progress: (line) => console.log(line), resultsDir });
  for (const r of result.rows)
    console.log(`${r.metric}: ${r.parley}${r.goal ? ` (goal ${r.goal}: ${r.pass ? 'pass' : 'FAIL'})` : ''}`);
}
