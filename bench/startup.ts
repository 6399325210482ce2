/**
 * Start-up of the compiled server (issue 11, "production runs compiled JavaScript"): the time from
 * spawning `node dist/server/index.js` to its first 200 from GET /readyz. The server answers
 * /readyz only once it listens, and it listens only after the store is open, migrated and seeded,
 * so that 200 is the moment it can serve.
 *
 * First, the server is built if its build stamp is stale (`node tools/build.mjs --server`). Then
 * STARTUP_RUNS times (default 5): a first start on a fresh temporary DATA_DIR (SQLite created,
 * migrations, demo accounts and the demo article imported), a clean stop (SIGTERM), and a warm
 * start on the same DATA_DIR. The goal is a median under 2 s for both. For comparison (no goal), the
 * same under tsx, as `npm start` ran before the build step (STARTUP_TSX=0 skips it).
 *
 * Each child gets this environment without any Parley setting (server/config/schema.ts), so it
 * runs the embedded defaults, plus DATA_DIR, HOST 127.0.0.1 and a free PORT that /readyz is polled
 * on every 10 ms from the spawn.
 *
 * Run alone: `npx tsx bench/startup.ts` (or npm run bench:startup). Writes bench/results/startup.md
 * and .json.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { envWithoutParleySettings, startServerProcess, type ServerProcess } from '../test/build/server-process.js';
import { freePort } from '../test/helpers/free-port.js';
import type { BenchRow, BenchScenario } from './scenario.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GOAL_MS = 2000;

type Runtime = 'node dist' | 'tsx';
const COMMANDS: Record<Runtime, string[]> = {
  'node dist': ['dist/server/index.js'],
  tsx: ['--import', 'tsx', 'server/index.ts'],
};

/** Builds the server when its stamp is stale; resolves to the build tool's report line. */
async function buildServerIfNeeded(): Promise<string> {
  const child = spawn(process.execPath, ['tools/build.mjs', '--server'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the server build failed (${code}):\n${output}`);
  return output.trim();
}

/**
 * Stops of the tsx comparison that were not clean, with what the child printed. The compiled server
 * is the production path and must stop cleanly (an unclean stop ends the scenario); the tsx rows
 * carry no goal, so one unclean stop there (seen once at the end of a long full run, exit by
 * signal with nothing printed) is reported instead of throwing the other samples away.
 */
const uncleanTsxStops: string[] = [];

/** One start on `dataDir`: spawn to the first 200 from /readyz, in ms; then a clean stop. */
async function timeOneStart(runtime: Runtime, dataDir: string): Promise<number> {
  const port = await freePort();
  const env = { ...envWithoutParleySettings(), DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port) };
  const server: ServerProcess = startServerProcess(COMMANDS[runtime], { cwd: ROOT, env });
  let readyMs: number;
  let code: number | null;
  try {
    readyMs = await server.readyAfterMs(`http://127.0.0.1:${port}/readyz`);
  } finally {
    code = await server.stop();
  }
  // The warm start reuses the data folder: it must have been left by a clean stop.
  if (code !== 0) {
    const report = `${runtime} did not stop cleanly (exit ${code}):\n${server.output().slice(-4000)}`;
    if (runtime === 'node dist') throw new Error(report);
    uncleanTsxStops.push(report);
  }
  return readyMs;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const runStartupBench: BenchScenario = async (ctx) => {
  const runs = Number(process.env.STARTUP_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('STARTUP_RUNS must be a whole number, 1 or more');
  const runtimes: Runtime[] = process.env.STARTUP_TSX === '0' ? ['node dist'] : ['node dist', 'tsx'];
  const started = performance.now();
  ctx.progress('startup: building the server if its stamp is stale');
  const build = await buildServerIfNeeded();
  ctx.progress(`startup: ${build}`);

  const samples = Object.fromEntries(runtimes.map((r) => [r, { first: [] as number[], warm: [] as number[] }]));
  // Runtimes alternate within each run, so a busy spell on the shared machine hits both alike.
  for (let i = 0; i < runs; i++) {
    for (const runtime of runtimes) {
      const dataDir = mkdtempSync(join(tmpdir(), 'parley-startup-'));
      try {
        samples[runtime]!.first.push(await timeOneStart(runtime, dataDir));
        samples[runtime]!.warm.push(await timeOneStart(runtime, dataDir));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
      const s = samples[runtime]!;
      ctx.progress(
        `startup: ${runtime} ${i + 1}/${runs}: first ${seconds(s.first.at(-1)!)}, warm ${seconds(s.warm.at(-1)!)}`,
      );
    }
  }

  const rows: BenchRow[] = [];
  for (const runtime of runtimes) {
    const s = samples[runtime]!;
    for (const kind of ['first', 'warm'] as const) {
      const ms = median(s[kind]);
      const compiled = runtime === 'node dist';
      rows.push({
        metric: `start-up to /readyz, ${kind === 'first' ? 'first start (migrations + demo import)' : 'warm start'}: median, ${runtime}`,
        bare: null,
        parley: seconds(ms),
        ratio: null,
        goal: compiled ? '< 2 s' : null,
        pass: compiled ? ms < GOAL_MS : null,
      });
    }
  }

  const when = new Date().toISOString();
  const result = {
    when,
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '' },
    settings: { runs, runtimes },
    build,
    samplesMs: samples,
    rows,
    uncleanTsxStops,
    totalSeconds: +((performance.now() - started) / 1000).toFixed(1),
  };
  mkdirSync(ctx.resultsDir, { recursive: true });
  writeFileSync(join(ctx.resultsDir, 'startup.json'), JSON.stringify(result, null, 2) + '\n');
  const list = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(2)).join(', ');
  const table = [
    '# Start-up: spawn to the first 200 from /readyz',
    '',
    `Run ${when} on Node ${result.node}, ${result.machine.cpus} × ${result.machine.model}; ${result.totalSeconds} s in all (bench/startup.ts).`,
    `${runs} run(s); each: a first start on a fresh DATA_DIR (SQLite, migrations, demo accounts and article), a clean stop, a warm start on the same DATA_DIR.`,
    `Build step: ${build}`,
    '',
    '| metric | Parley | goal | pass |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${r.metric} | ${r.parley} | ${r.goal ?? '–'} | ${r.pass === null ? '–' : r.pass ? 'yes' : 'no'} |`,
    ),
    '',
    'Every start, in seconds:',
    '',
    ...runtimes.flatMap((r) => [
      `- ${r}, first: ${list(samples[r]!.first)}`,
      `- ${r}, warm: ${list(samples[r]!.warm)}`,
    ]),
    '',
    `Unclean stops of the tsx comparison: ${uncleanTsxStops.length}.`,
    ...uncleanTsxStops.map((report) => ['', '```', report, '```'].join('\n')),
    '',
  ].join('\n');
  writeFileSync(join(ctx.resultsDir, 'startup.md'), table);
  return { name: 'startup', rows, files: ['bench/results/startup.md', 'bench/results/startup.json'] };
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
  const result = await runStartupBench({ progress: (line) => console.log(line), resultsDir });
  for (const r of result.rows)
    console.log(`${r.metric}: ${r.parley}${r.goal ? ` (goal ${r.goal}: ${r.pass ? 'pass' : 'FAIL'})` : ''}`);
}
