/**
 * The Parley under soak: a child process (test/helpers/child.ts) on a fresh data folder, SQLite,
 * with the demo article and debate. Its stdout and stderr are read line by line: pino JSON lines
 * are counted by level (the first error-level ones kept for the report), and the memory lines of
 * the preloaded probe (heap-probe.mjs) answer memory samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startChildParley } from '../../test/helpers/child.js';
import { within } from '../../test/helpers/wait.js';
import { procStat } from '../probes.js';

const PROBE = fileURLToPath(new URL('./heap-probe.mjs', import.meta.url));
/** pino's numeric levels: 40 warn, 50 error, 60 fatal. */
const WARN = 40;
const ERROR = 50;
const KEPT_LINES = 20;
const MB = 1e6;

export interface LogTally {
  byLevel: Record<string, number>;
  /** Lines at error level or above (the first few, whole). */
  errors: string[];
  /** Warnings by message, so a report shows what they were without all of them. */
  warnings: Record<string, number>;
  /** Lines that were not JSON (a crash trace, a Node warning), the first few. */
  other: string[];
  otherCount: number;
}

/** What the preloaded probe prints (bytes). */
interface ProbeAnswer {
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
}

export interface MemorySample {
  /** Seconds since the load started. */
  t: number;
  rssMB: number;
  heapMB: number;
  /** Not judged; they tell where RSS goes: V8's reserved heap, and memory outside it (Buffers, native). */
  heapTotalMB?: number;
  externalMB?: number;
}

export interface SoakServer {
  url: string;
  dataDir: string;
  pid: number;
  logs: LogTally;
  /** True while the process runs. */
  alive(): boolean;
  /** Asks the probe for the heap (after a full collection) and reads RSS from /proc. */
  memory(): Promise<Omit<MemorySample, 't'>>;
  /** Kills the process; removes the data folder unless `keepData`. */
  stop(keepData: boolean): Promise<void>;
}

export async function startSoakServer(env: Record<string, string>): Promise<SoakServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-soak-'));
  const nodeOptions = [process.env.NODE_OPTIONS ?? '', `--import ${PROBE}`].join(' ').trim();
  const parley = await startChildParley(dataDir, { ...env, NODE_OPTIONS: nodeOptions });
  const { child } = parley;
  const logs: LogTally = { byLevel: {}, errors: [], warnings: {}, other: [], otherCount: 0 };
  let onMemory: ((m: ProbeAnswer) => void) | null = null;

  const read = (line: string) => {
    if (!line.trim()) return;
    let entry: { level?: unknown; msg?: unknown; soakMemory?: ProbeAnswer; port?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      logs.otherCount += 1;
      if (logs.other.length < KEPT_LINES) logs.other.push(line.slice(0, 2000));
      return;
    }
    if (entry.soakMemory) return onMemory?.(entry.soakMemory);
    if (typeof entry.level !== 'number') return; // the {"port":N} line
    logs.byLevel[entry.level] = (logs.byLevel[entry.level] ?? 0) + 1;
    if (entry.level >= ERROR && logs.errors.length < KEPT_LINES) logs.errors.push(line.slice(0, 4000));
    else if (entry.level >= WARN) logs.warnings[String(entry.msg)] = (logs.warnings[String(entry.msg)] ?? 0) + 1;
  };
  createInterface({ input: child.stdout! }).on('line', read);
  createInterface({ input: child.stderr! }).on('line', read);

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    url: parley.url,
    dataDir,
    pid: child.pid!,
    logs,
    alive,
    async memory() {
      const reported = new Promise<ProbeAnswer>((resolve) => (onMemory = resolve));
      child.kill('SIGUSR2');
      const { heapUsed, heapTotal, external } = await within(15_000, 'the memory probe to answer', reported);
      onMemory = null;
      return {
        rssMB: (procStat(child.pid!).rssKiB * 1024) / MB,
        heapMB: heapUsed / MB,
        heapTotalMB: heapTotal / MB,
        externalMB: external / MB,
      };
    },
    async stop(keepData) {
      await parley.kill();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Errors-at-level count of a tally: lines at error level or above. */
export function errorLines(logs: LogTally): number {
  return Object.entries(logs.byLevel)
    .filter(([level]) => Number(level) >= ERROR)
    .reduce((n, [, count]) => n + count, 0);
}
