/**
 * bench/results/summary.md: every scenario's headline rows in one Markdown table, and one verdict
 * (bench/scenario.ts says what a row holds).
 */
import { cpus, totalmem } from 'node:os';
import { basename } from 'node:path';
import type { BenchRow, BenchScenarioResult } from './scenario.js';

/** One scenario of the run: its result, or why it did not finish. */
export interface ScenarioRun {
  name: string;
  seconds: number;
  result: BenchScenarioResult | null;
  error: string | null;
}

const cell = (v: string | null) => (v === null ? '–' : v.replace(/\|/g, '\\|'));
const passCell = (pass: boolean | null) => (pass === null ? '–' : pass ? 'yes' : '**no**');

/** Rows as a Markdown table; with `scenario`, a first column naming it. */
export function rowsTable(rows: BenchRow[], scenario?: (row: BenchRow) => string): string[] {
  const head = [...(scenario ? ['scenario'] : []), 'metric', 'bare', 'Parley', 'ratio', 'goal', 'pass'];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => {
      const cells = [
        ...(scenario ? [scenario(row)] : []),
        cell(row.metric),
        cell(row.bare),
        cell(row.parley),
        row.ratio === null ? '–' : `${row.ratio}x`,
        cell(row.goal),
        passCell(row.pass),
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/** The goals missed: failed rows, and scenarios that did not finish. */
export function failures(runs: ScenarioRun[]): string[] {
  return runs.flatMap((run) =>
    run.error !== null
      ? [`${run.name} did not finish: ${run.error}`]
      : run.result!.rows.filter((row) => row.pass === false).map((row) => `${run.name}: ${row.metric}`),
  );
}

export function summaryMarkdown(runs: ScenarioRun[], when: string, totalSeconds: number): string {
  const rows: Array<{ scenario: string; row: BenchRow }> = runs.flatMap((run) =>
    run.error !== null
      ? [
          {
            scenario: run.name,
            row: {
              metric: `did not finish: ${run.error}`,
              bare: null,
              parley: '–',
              ratio: null,
              goal: null,
              pass: false,
            },
          },
        ]
      : run.result!.rows.map((row) => ({ scenario: run.name, row })),
  );
  const scenarioOf = new Map(rows.map(({ scenario, row }) => [row, scenario]));
  const missed = failures(runs);
  const goals = rows.filter(({ row }) => row.pass !== null).length;
  // Every file is in the results folder, beside summary.md.
  const files = runs.flatMap((run) => run.result?.files ?? []).map((f) => basename(f));
  return [
    '# npm run bench: summary',
    '',
    `Run ${when} on Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB; ${(totalSeconds / 60).toFixed(1)} min in all ` +
      `(${runs.map((r) => `${r.name} ${Math.round(r.seconds)} s`).join(', ')}).`,
    'Every scenario starts its baseline and its Parley in the same run, one after the other, on this machine: ' +
      'figures taken while other work ran on it are noisy, and the side-by-side ratios are what the goals judge.',
    '',
    ...rowsTable(
      rows.map(({ row }) => row),
      (row) => scenarioOf.get(row)!,
    ),
    '',
    missed.length === 0
      ? `**Verdict: pass.** All ${goals} goals met.`
      : `**Verdict: fail.** ${missed.length} of ${goals} goals missed:`,
    ...missed.map((m) => `- ${m}`),
    '',
    `Details: ${files.map((f) => `[${f}](${f})`).join(', ')}.`,
    '',
  ].join('\n');
}
