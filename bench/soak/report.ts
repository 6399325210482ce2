/** The soak's results: one object, written as bench/results/soak.json, soak.md and soak-memory.svg. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from './check.js';
import { fitAfter, type Fit } from './memory.js';
import type { PLAN } from './plan.js';
import { memorySvg } from './plot.js';
import type { LogTally, MemorySample } from './server.js';
import type { KindCount } from './tally.js';

export interface SoakReport {
  passed: boolean;
  startedAt: string;
  /** The load phase asked for, and how long load, drain and checks really took. */
  minutes: number;
  loadSeconds: number;
  drainSeconds: number;
  actions: number;
  refusals: number;
  errors: number;
  kinds: Record<string, KindCount>;
  errorSamples: string[];
  /** What the store and the live copies held at the end. */
  totals: Record<string, number>;
  checks: CheckResult[];
  memory: {
    everyMs: number;
    warmUpSeconds: number;
    samples: MemorySample[];
    rss: Fit | null;
    heap: Fit | null;
  };
  log: LogTally;
  plan: typeof PLAN;
  serverEnv: Record<string, string>;
  machine: { cpus: number; loadAverage: number[] };
  /** The server's data folder, kept when the soak failed. */
  keptDataDir: string | null;
}

const mark = (passed: boolean | null) => (passed === null ? 'not judged' : passed ? 'pass' : '**FAIL**');
const mb = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(1));
const cell = (s: string) => s.replace(/\|/g, '\\|');

export function writeReport(report: SoakReport, dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  const { memory } = report;
  writeFileSync(
    join(dir, 'soak-memory.svg'),
    memorySvg(
      memory.samples,
      { rssMB: memory.rss, heapMB: memory.heap },
      memory.warmUpSeconds,
      `Parley server memory over a ${report.minutes}-minute soak`,
    ),
  );
  writeFileSync(join(dir, 'soak.md'), markdown(report));
}

export function markdown(r: SoakReport): string {
  const first = r.memory.samples[0];
  const last = r.memory.samples.at(-1);
  const lines = [
    '# Soak (`npm run soak`)',
    '',
    `**${r.passed ? 'PASSED' : 'FAILED'}**: ${r.minutes} min of mixed load (ran ${(r.loadSeconds / 60).toFixed(1)} min,` +
      ` drain and checks ${r.drainSeconds.toFixed(0)} s), started ${r.startedAt},` +
      ` ${r.machine.cpus} CPUs, load average at the end ${r.machine.loadAverage.map((n) => n.toFixed(2)).join(' ')}.`,
    '',
    `${r.actions} actions (${(r.actions / Math.max(1, r.loadSeconds)).toFixed(1)}/s), ${r.refusals} expected refusals, ${r.errors} errors.`,
    '',
    '## Checks',
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...r.checks.map((c) => `| ${cell(c.name)} | ${mark(c.passed)} | ${cell(c.detail)} |`),
    '',
    ...r.checks
      .filter((c) => c.problems.length > 0)
      .flatMap((c) => [`Problems of "${c.name}":`, '', ...c.problems.map((p) => `- ${p}`), '']),
    '## Memory',
    '',
    `Sampled every ${(r.memory.everyMs / 1000).toFixed(1)} s: RSS from /proc, V8 heap used after a forced full` +
      ` collection (bench/soak/heap-probe.mjs). Lines fitted from ${r.memory.warmUpSeconds.toFixed(0)} s on` +
      ' (the warm-up is the first 20% of the load).',
    '',
    '| series | first | last | fitted slope (MB/min) |',
    '| --- | --- | --- | --- |',
    `| RSS (MB) | ${mb(first?.rssMB)} | ${mb(last?.rssMB)} | ${r.memory.rss?.slope.toFixed(3) ?? '-'} |`,
    `| heap (MB) | ${mb(first?.heapMB)} | ${mb(last?.heapMB)} | ${r.memory.heap?.slope.toFixed(3) ?? '-'} |`,
    ...(['heapTotalMB', 'externalMB'] as const).map(
      (key) =>
        `| ${key === 'heapTotalMB' ? 'V8 heap reserved' : 'external (Buffers, native)'} (MB, not judged) | ${mb(first?.[key])} | ${mb(last?.[key])} |` +
        ` ${fitAfter(r.memory.samples, key, r.memory.warmUpSeconds)?.slope.toFixed(3) ?? '-'} |`,
    ),
    '',
    '![RSS and heap against time](soak-memory.svg)',
    '',
    '## What was done',
    '',
    '| action | done | refused (expected races) | errors |',
    '| --- | --- | --- | --- |',
    ...Object.entries(r.kinds).map(
      ([kind, c]) =>
        `| ${kind} | ${c.ok} | ${
          Object.entries(c.refused)
            .map(([code, n]) => `${code} ${n}`)
            .join(', ') || '-'
        } | ${c.errors} |`,
    ),
    '',
    '| at the end | count |',
    '| --- | --- |',
    ...Object.entries(r.totals).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '## Server log',
    '',
    `Lines by pino level: ${
      Object.entries(r.log.byLevel)
        .map(([level, n]) => `${level}: ${n}`)
        .join(', ') || 'none'
    }; other lines: ${r.log.otherCount}.`,
    '',
    ...Object.entries(r.log.warnings).map(([msg, n]) => `- warn ×${n}: ${msg}`),
    ...r.log.errors.map((line) => `- error: \`${line.slice(0, 300)}\``),
    ...r.log.other.map((line) => `- other: \`${line.slice(0, 300)}\``),
    '',
    ...(r.errorSamples.length ? ['## Errors (first ones)', '', ...r.errorSamples.map((e) => `- ${e}`), ''] : []),
    '## The mix',
    '',
    '```json',
    JSON.stringify({ plan: r.plan, serverEnv: r.serverEnv }, null, 2),
    '```',
    '',
  ];
  return lines.join('\n');
}
