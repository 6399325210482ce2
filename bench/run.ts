/**
 * npm run bench: every benchmark scenario, in order, each against its baseline started in the same
 * run (bench/scenario.ts):
 *
 * 1. thread-open (bench/thread-open.ts): joining and paging a 100- and a 10,000-comment thread;
 * 2. surge (bench/surge.ts): fan-out, the knee and past the knee, bare socket.io vs Parley;
 * 3. cluster (bench/cluster.ts): CPU per delivery of one process vs three on Redis;
 * 4. yjs (bench/yjs.ts): the /collab relay vs the y-websocket reference server;
 * 5. connections (bench/connections.ts): what a joined reader costs, bare socket.io vs Parley;
 * 6. startup (bench/startup.ts): spawn to ready;
 * 7. ground (bench/ground.ts): common ground's recompute of 10,000 × 100 votes, off the event loop.
 *
 * Each writes its own details into bench/results/; this writes bench/results/summary.md, one table
 * of every scenario's headline rows and one verdict, and exits 1 when a goal was missed or a
 * scenario did not finish (the others still run). BENCH_ONLY=surge,cluster runs just those;
 * RESULTS_DIR=<folder> writes there instead (a trial run at small settings that keeps the results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runClusterScenario } from './cluster-scenario.js';
import { runConnectionsBench } from './connections.js';
import { runGroundBench } from './ground.js';
import type { BenchContext, BenchScenario } from './scenario.js';
import { runStartupBench } from './startup.js';
import { failures, summaryMarkdown, type ScenarioRun } from './summary.js';
import { runSurgeBench } from './surge.js';
import { runThreadOpenBench } from './thread-open.js';
import { runYjsBench } from './yjs.js';

const SCENARIOS: Array<[string, BenchScenario]> = [
  ['thread-open', runThreadOpenBench],
  ['surge', runSurgeBench],
  ['cluster', runClusterScenario],
  ['yjs', runYjsBench],
  ['connections', runConnectionsBench],
  ['startup', runStartupBench],
  ['ground', runGroundBench],
];

const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
const started = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${String(Math.floor(s / 60)).padStart(3)}:${String(s % 60).padStart(2, '0')}`;
};
const ctx: BenchContext = { progress: (line) => console.log(`[${elapsed()}] ${line}`), resultsDir };

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const chosen = SCENARIOS.filter(([name]) => !only || only.includes(name));
const when = new Date().toISOString();
const runs: ScenarioRun[] = [];
for (const [i, [name, scenario]] of chosen.entries()) {
  ctx.progress(`== ${i + 1}/${chosen.length}: ${name}`);
  const t0 = Date.now();
  try {
    const result = await scenario(ctx);
    runs.push({ name, seconds: (Date.now() - t0) / 1000, result, error: null });
    const missed = result.rows.filter((r) => r.pass === false).length;
    ctx.progress(
      `== ${name} done in ${Math.round((Date.now() - t0) / 1000)} s: ${missed ? `${missed} goal(s) missed` : 'goals met'}`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    console.error(err);
    runs.push({ name, seconds: (Date.now() - t0) / 1000, result: null, error: message });
    ctx.progress(`== ${name} did not finish: ${message}`);
  }
}

mkdirSync(resultsDir, { recursive: true });
const summary = summaryMarkdown(runs, when, (Date.now() - started) / 1000);
writeFileSync(join(resultsDir, 'summary.md'), summary);
console.log(`\n${summary}`);
if (failures(runs).length > 0) process.exitCode = 1;
