/**
 * npm run soak [-- --minutes N]: N minutes (15 by default) of mixed load against a real Parley in a
 * child process, then a drain and the checks (bench/soak/run.ts). Writes bench/results/soak.md,
 * soak.json and soak-memory.svg (RESULTS_DIR=<folder>: there instead, for a trial run that keeps
 * the recorded results); exits 0 only when every check passed.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runSoak } from './soak/run.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '15' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error(`--minutes wants a positive number, not "${values.minutes}"`);
  process.exit(2);
}

const resultsDir = process.env.RESULTS_DIR ?? fileURLToPath(new URL('./results/', import.meta.url));
const report = await runSoak({ minutes, resultsDir });
console.log(`[soak] ${report.passed ? 'PASSED' : 'FAILED'}; results in ${join(resultsDir, 'soak.md')}`);
if (report.keptDataDir) console.log(`[soak] the server's data folder is kept for a look: ${report.keptDataDir}`);
// Clients and timers of the load may linger a moment after they are closed: do not wait for them.
process.exit(report.passed ? 0 : 1);
