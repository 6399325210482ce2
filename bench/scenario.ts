/**
 * What every `npm run bench` scenario returns, so bench/run.ts can write one table of ratios
 * against the bare stacks and one verdict (bench/results/summary.md).
 *
 * A scenario starts its own bare baseline and its own Parley in the same run (the machine is small
 * and shared: only ratios measured side by side mean anything), prints progress through `progress`,
 * writes its own detailed results (bench/results/<name>.md and .json) and returns its headline rows.
 */
export interface BenchRow {
  /** What is measured, e.g. "fan-out 2,000 x 20/s: server CPU per delivery". */
  metric: string;
  /** The bare stack's figure and unit ("18.6 µs"), or null where there is no bare figure. */
  bare: string | null;
  parley: string;
  /** Parley / bare (or whatever the goal compares), null when not a ratio. */
  ratio: number | null;
  /** The goal as written in the issue, e.g. "<= 1.2x"; null when the row is for information. */
  goal: string | null;
  /** Whether the goal is met; null when there is no goal. */
  pass: boolean | null;
}

export interface BenchScenarioResult {
  /** Short name, also the results file's name: "surge", "yjs", "connections". */
  name: string;
  rows: BenchRow[];
  /** Files written under bench/results/ (relative paths), charts included. */
  files: string[];
}

export interface BenchContext {
  /** One progress line (a long step prints one every few seconds). */
  progress(line: string): void;
  /** bench/results/ */
  resultsDir: string;
}

export type BenchScenario = (ctx: BenchContext) => Promise<BenchScenarioResult>;
