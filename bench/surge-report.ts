/**
 * The surge bench's results as the summary's rows (bench/scenario.ts), a Markdown report
 * (bench/results/surge.md) and the latency-against-rate chart (bench/results/surge-latency.svg).
 */
import { cpus } from 'node:os';
import { lineChartSvg, type ChartSeries } from './chart-svg.js';
import type { BenchRow } from './scenario.js';
import { rowsTable } from './summary.js';
import type { SurgeSettings } from './surge.js';
import type { ServerKind } from './surge-target.js';
import type { WindowResult } from './surge-window.js';

export interface KneeRun {
  /** Every step run; a failed first attempt at a rate is followed by a second, which decides. */
  steps: Array<WindowResult & { failures: string[]; attempt: number }>;
  /** The highest rate that passed (0: none did). */
  knee: number;
  /** The last rate of the climb passed too: the knee is at least that. */
  topPassed: boolean;
}

export interface PastRun {
  idleRssMiB: number;
  window: WindowResult;
}

export interface SurgeResult {
  when: string;
  settings: SurgeSettings;
  fanout: Record<ServerKind, WindowResult>;
  knee: Record<ServerKind, KneeRun>;
  pastRate: number;
  past: Record<ServerKind, PastRun>;
  /** The machine's load average (1, 5, 15 min) as the bench began and ended: how busy it was otherwise. */
  loadAverage: { start: number[]; end: number[] };
  totalSeconds: number;
}

/** Past this share of its time busy, a generator thread may be what limits a result. */
export const GENERATOR_BUSY_LIMIT = 0.9;

const ratioOf = (parley: number, bare: number) =>
  bare > 0 && Number.isFinite(parley) ? +(parley / bare).toFixed(2) : null;
const kneeText = (run: KneeRun) => (run.knee === 0 ? 'none passed' : `${run.topPassed ? '>= ' : ''}${run.knee}/s`);
const rssRatio = (run: PastRun) => +(run.window.server.rssMaxMiB / run.idleRssMiB).toFixed(2);
const lostText = (w: WindowResult) => `${w.deliveries.lost} of ${w.deliveries.expected}`;

function allWindows(r: SurgeResult): WindowResult[] {
  const kinds = ['bare', 'parley'] as const;
  return kinds.flatMap((k) => [r.fanout[k], ...r.knee[k].steps, r.past[k].window]);
}

/** The busiest generator thread (reader threads and the writers' thread) over every window. */
export function generatorLoad(r: SurgeResult) {
  const windows = allWindows(r);
  return {
    readers: Math.max(...windows.flatMap((w) => w.generator.readerLoops.map((l) => l.utilization))),
    writers: Math.max(...windows.map((w) => w.generator.writerLoop.utilization)),
    cpuPerSecond: Math.max(...windows.map((w) => w.generator.cpuPerSecond)),
  };
}

export function surgeRows(r: SurgeResult): BenchRow[] {
  const s = r.settings;
  const fan = `fan-out ${s.fanoutReaders} readers x ${s.fanoutRate}/s`;
  const past = `past the knee (${r.pastRate}/s = 4x bare knee, ${s.pastSeconds} s, ${s.kneeReaders} readers)`;
  const { bare: fb, parley: fp } = r.fanout;
  const cpuRatio = ratioOf(fp.server.cpuPerDeliveryUs, fb.server.cpuPerDeliveryUs);
  const p99Ratio = ratioOf(fp.latencyMs.p99, fb.latencyMs.p99);
  // Parley's knee may be a lower bound (it passed every rate): the ratio is then one too, which is
  // enough for ">= 4x". The bare knee must be known: if it passed every rate, the goal is undecided.
  const bareKneeKnown = !r.knee.bare.topPassed;
  const kneeRatio = bareKneeKnown ? ratioOf(r.knee.parley.knee, r.knee.bare.knee) : null;
  const { bare: pb, parley: pp } = r.past;
  const load = generatorLoad(r);
  const busiest = Math.max(load.readers, load.writers);
  const gaps = (w: WindowResult) => w.deliveries.seq?.gaps ?? 0;
  return [
    {
      metric: `${fan}: server CPU per delivery`,
      bare: `${fb.server.cpuPerDeliveryUs} µs`,
      parley: `${fp.server.cpuPerDeliveryUs} µs`,
      ratio: cpuRatio,
      goal: '<= 1.2x',
      pass: cpuRatio !== null && cpuRatio <= 1.2,
    },
    {
      metric: `${fan}: delivery latency p99`,
      bare: `${fb.latencyMs.p99} ms`,
      parley: `${fp.latencyMs.p99} ms`,
      ratio: p99Ratio,
      goal: '<= 1.2x',
      pass: p99Ratio !== null && p99Ratio <= 1.2,
    },
    {
      metric: `${fan}: deliveries lost (Parley: and seq gaps)`,
      bare: lostText(fb),
      parley: `${lostText(fp)}, ${gaps(fp)} gaps`,
      ratio: null,
      goal: 'none',
      pass: fp.deliveries.lost === 0 && gaps(fp) === 0,
    },
    {
      metric: `knee at ${s.kneeReaders} readers: highest rate with delivery p99 <= 250 ms, nothing lost (Parley: gap-free seqs)`,
      bare: bareKneeKnown ? kneeText(r.knee.bare) : `${kneeText(r.knee.bare)} (passed every rate: undecided)`,
      parley: kneeText(r.knee.parley),
      ratio: kneeRatio,
      goal: '>= 4x',
      // A bare server that passed no rate has a knee below the lowest: Parley must pass 4x the lowest.
      pass: bareKneeKnown && (kneeRatio !== null ? kneeRatio >= 4 : r.knee.parley.knee >= r.pastRate),
    },
    {
      metric: `${past}: server RSS max / idle`,
      bare: `${rssRatio(pb)}x (${pb.idleRssMiB} → ${pb.window.server.rssMaxMiB} MiB)`,
      parley: `${rssRatio(pp)}x (${pp.idleRssMiB} → ${pp.window.server.rssMaxMiB} MiB)`,
      ratio: rssRatio(pp),
      goal: '< 2x',
      pass: rssRatio(pp) < 2,
    },
    {
      metric: `${past}: acknowledgement p99`,
      bare: `${pb.window.ackMs.p99} ms`,
      parley: `${pp.window.ackMs.p99} ms (${pp.window.comments.refused} refused)`,
      ratio: null,
      goal: '< 1 s',
      pass: pp.window.ackMs.p99 < 1000,
    },
    {
      metric: `${past}: acknowledged comments not at every reader by the end (live, or by sync after a resync)`,
      bare: `${lostText(pb.window)} deliveries`,
      parley: `${lostText(pp.window)} deliveries (${pp.window.deliveries.resyncNotices} resyncs)`,
      ratio: null,
      goal: 'none',
      pass: pp.window.deliveries.lost === 0,
    },
    {
      metric: `${past}: delivery latency p99 (live deliveries)`,
      bare: `${pb.window.latencyMs.p99} ms`,
      parley: `${pp.window.latencyMs.p99} ms`,
      ratio: null,
      goal: null,
      pass: null,
    },
    {
      metric: 'surge load generator: busiest thread (event-loop utilization), any window',
      bare: null,
      parley: `${busiest} (bench process CPU up to ${load.cpuPerSecond} cores)`,
      ratio: null,
      goal: `< ${GENERATOR_BUSY_LIMIT}`,
      pass: busiest < GENERATOR_BUSY_LIMIT,
    },
  ];
}

const COLORS: Record<ServerKind, string> = { bare: '#1f77b4', parley: '#e4572e' };
const NAMES: Record<ServerKind, string> = { bare: 'bare socket.io', parley: 'Parley' };

export function surgeChart(r: SurgeResult): string {
  const series: ChartSeries[] = (['bare', 'parley'] as const).flatMap((kind) =>
    (['p99', 'p50'] as const).map((q) => ({
      name: `${NAMES[kind]} ${q}`,
      color: COLORS[kind],
      dashed: q === 'p50',
      // The deciding attempt at each rate: the last.
      points: r.knee[kind].steps
        .filter((w, i, steps) => steps[i + 1]?.rate !== w.rate)
        .map((w) => ({ x: w.rate, y: w.latencyMs[q], hollow: w.failures.length > 0 })),
    })),
  );
  return lineChartSvg({
    title: `Delivery latency against comment rate, ${r.settings.kneeReaders} readers`,
    subtitle:
      `${r.settings.kneeStepSeconds} s per step, rising; a server's climb stops at the first step that fails twice ` +
      `(the deciding attempt is drawn). ${r.when.slice(0, 10)}`,
    xLabel: 'comments per second (log)',
    yLabel: 'send to receipt, ms (log)',
    series,
    hollowMeans: 'step failed',
    limits: [{ y: 250, label: 'knee limit: p99 250 ms' }],
    markers: (['bare', 'parley'] as const)
      .filter((k) => r.knee[k].knee > 0)
      .map((k) => ({ x: r.knee[k].knee, label: `${NAMES[k]} knee ${kneeText(r.knee[k])}`, color: COLORS[k] })),
  });
}

const cell = (v: string | number | null) => (v === null ? '–' : String(v));
const table = (head: string[], rows: Array<Array<string | number | null>>) => [
  `| ${head.join(' | ')} |`,
  `| ${head.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
];
const loops = (w: WindowResult) =>
  `${w.generator.readerLoops.map((l) => l.utilization).join(' / ')} · ${w.generator.writerLoop.utilization} · ${w.generator.cpuPerSecond}`;

export function surgeMarkdown(r: SurgeResult, chartFile: string): string {
  const s = r.settings;
  const kinds = ['bare', 'parley'] as const;
  const load = generatorLoad(r);
  return [
    '# Surge: live delivery under a burst of comments, bare socket.io vs Parley',
    '',
    `Run ${r.when} on Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}; ${r.totalSeconds} s in all (bench/surge.ts). ` +
      'Each server in a child process of its own, one at a time, fresh for each part: bare socket.io (bench/bare-socketio.ts, ' +
      "Parley's transport options, one whole comment per `article:change` frame) and Parley (SQLite, the demo article, " +
      'writer limits raised out of the way). ' +
      `Readers: raw WebSocket clients over ${s.readerThreads} worker threads; ${s.writers} writers post on a fixed schedule. ` +
      'Server CPU is user + system from /proc over the window and its drain; latency is send to receipt on one clock. ' +
      'The machine is small and shared: figures taken while other work ran are noisy, and only the side-by-side ratios mean much ' +
      `(load average at the start ${r.loadAverage.start.join(' / ')}, at the end ${r.loadAverage.end.join(' / ')}, on ${cpus().length} cores).`,
    '',
    ...rowsTable(surgeRows(r)),
    '',
    `## 1. Fan-out: ${s.fanoutReaders} readers, ${s.fanoutRate} comments/s for ${s.fanoutSeconds} s` +
      (s.leadInSeconds > 0 ? ` (after a ${s.leadInSeconds} s lead-in)` : ''),
    '',
    ...table(
      [
        'server',
        'acknowledged',
        'deliveries (lost, dup.)',
        'frames',
        'p50 / p99 / max ms',
        'ack p99 ms',
        'server CPU s',
        'µs per delivery',
        'generator: reader threads · writers · CPU/s',
      ],
      kinds.map((k) => {
        const w = r.fanout[k];
        const d = w.deliveries;
        return [
          NAMES[k],
          `${w.comments.acknowledged}/${w.comments.planned}`,
          `${d.unique} of ${d.expected} (${d.lost}, ${d.duplicates})`,
          d.frames,
          `${w.latencyMs.p50} / ${w.latencyMs.p99} / ${w.latencyMs.max}`,
          w.ackMs.p99,
          w.server.cpuSeconds,
          w.server.cpuPerDeliveryUs,
          loops(w),
        ];
      }),
    ),
    '',
    `## 2. Knee at ${s.kneeReaders} readers`,
    '',
    `The rate climbs ${s.kneeRates.join(', ')} comments/s (Parley on to 4x the bare knee if above), ${s.kneeStepSeconds} s a step, ` +
      'after an unmeasured lead-in at the first rate; a step passes with delivery p99 <= 250 ms, ' +
      'nothing lost (all in within 5 s of the last acknowledgement), every comment accepted, at least 95% of the rate sent and, on ' +
      "Parley, no gap in any reader's seqs. A failing step is run once more, and only a second failure ends the climb. " +
      `Knee: bare ${kneeText(r.knee.bare)}, Parley ${kneeText(r.knee.parley)}.`,
    '',
    `![latency against rate](${chartFile})`,
    '',
    ...table(
      [
        'server',
        'rate /s',
        'attempt',
        'sent /s',
        'p50 / p99 ms',
        'lost',
        'refused',
        'seq gaps',
        'frames',
        'server CPU s',
        'µs per delivery',
        'generator: reader threads · writers · CPU/s',
        'step',
      ],
      kinds.flatMap((k) =>
        r.knee[k].steps.map((w) => [
          NAMES[k],
          w.rate,
          w.attempt,
          w.comments.sentPerSecond,
          `${w.latencyMs.p50} / ${w.latencyMs.p99}`,
          w.deliveries.lost,
          w.comments.refused,
          w.deliveries.seq?.gaps ?? null,
          w.deliveries.frames,
          w.server.cpuSeconds,
          w.server.cpuPerDeliveryUs,
          loops(w),
          w.failures.length ? `fails: ${w.failures.join(', ')}` : 'passes',
        ]),
      ),
    ),
    '',
    `## 3. Past the knee: ${r.pastRate} comments/s for ${s.pastSeconds} s to ${s.kneeReaders} readers`,
    '',
    'Idle RSS: readers joined, nothing posted (median of 3 s). The window runs until every acknowledged comment has reached ' +
      'every reader, live or through the sync of a reader the server held back and told to resync, or 60 s after the last ' +
      'acknowledgement; what is still missing then counts as lost.',
    '',
    ...table(
      [
        'server',
        'acknowledged (refused)',
        'ack p50 / p99 ms',
        'delivery p50 / p99 ms',
        'lost',
        'resyncs · recovered by sync · snapshots',
        'RSS idle → max MiB',
        'wall s',
        'generator: reader threads · writers · CPU/s',
      ],
      (['parley', 'bare'] as const).map((k) => {
        const { window: w, idleRssMiB } = r.past[k];
        const d = w.deliveries;
        const refusals = Object.entries(w.comments.refusals)
          .map(([code, n]) => `${n} ${code}`)
          .join(', ');
        return [
          NAMES[k],
          `${w.comments.acknowledged}/${w.comments.planned}${refusals ? ` (${refusals})` : ''}`,
          `${w.ackMs.p50} / ${w.ackMs.p99}`,
          `${w.latencyMs.p50} / ${w.latencyMs.p99}`,
          `${d.lost} of ${d.expected}`,
          `${d.resyncNotices} · ${d.recovered} · ${d.snapshots}`,
          `${idleRssMiB} → ${w.server.rssMaxMiB} (${rssRatio(r.past[k])}x)`,
          w.wallSeconds,
          loops(w),
        ];
      }),
    ),
    '',
    '## The load generator',
    '',
    `Busiest reader thread: ${load.readers} of its time; the writers' thread: ${load.writers}; the bench process used up to ` +
      `${load.cpuPerSecond} CPU-seconds per second (every thread). Above ${GENERATOR_BUSY_LIMIT} a thread could be what limits ` +
      'a result; a knee step whose writers sent less than 95% of the rate does not count.',
    '',
  ].join('\n');
}
