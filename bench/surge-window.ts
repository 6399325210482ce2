/**
 * One load window of the surge bench: `rate` comments a second for `seconds` on a fixed schedule (the
 * writers do not wait for each other's acknowledgements), each marked for the readers to check off
 * (bench/delivery-tally.ts); then the drain, until every acknowledged comment has reached every
 * reader or `drainMs` has passed. Over the whole of it: the server's CPU (user + system from /proc)
 * and its RSS every 500 ms; each acknowledgement's time; and how busy the load generator itself was
 * (this thread's event loop, the reader threads' loops, the process's CPU and preemptions), so that
 * a result can say whether the generator kept up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createHistogram, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { benchClock, latencyMs, marker } from './delivery-tally.js';
import { procCpu, procStat } from './probes.js';
import type { PoolWindowReport, ReaderPool } from './reader-pool.js';
import type { SurgeTarget } from './surge-target.js';

export interface WindowPlan {
  rate: number;
  seconds: number;
  /** After the last acknowledgement, how long deliveries may take before the rest count as lost. */
  drainMs: number;
  /** For progress lines: "fan-out, Parley". */
  label: string;
}

export interface WindowResult {
  rate: number;
  seconds: number;
  readers: number;
  comments: {
    planned: number;
    acknowledged: number;
    refused: number;
    refusals: Record<string, number>;
    sentPerSecond: number;
  };
  /** Time from sending a comment to its acknowledgement (refusals included), ms. */
  ackMs: ReturnType<typeof latencyMs>;
  deliveries: Omit<PoolWindowReport, 'latencyUs' | 'loops' | 'readers'> & { expected: number; drained: boolean };
  /** Live delivery latency, send to receipt, ms. */
  latencyMs: ReturnType<typeof latencyMs>;
  server: { cpuSeconds: number; cpuPerDeliveryUs: number; rssMaxMiB: number; rssMiB: number[] };
  generator: {
    /** This process's CPU (every thread) per second of the window: at most the machine's cores. */
    cpuPerSecond: number;
    preemptions: number;
    writerLoop: { utilization: number; delayP99Ms: number };
    readerLoops: PoolWindowReport['loops'];
  };
  wallSeconds: number;
}

const RSS_EVERY_MS = 500;
const PROGRESS_EVERY_MS = 5000;
const SCHEDULE_TICK_MS = 2;
const DELAY_RESOLUTION_MS = 10;

/** Times this process's threads (the reader threads included) were preempted: how contended the cores were. */
function benchPreemptions(): number {
  let n = 0;
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const status = readFileSync(`/proc/self/task/${task}/status`, 'utf8');
      n += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return n;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mib = (kib: number) => +(kib / 1024).toFixed(1);
let windows = 0;

export async function runWindow(
  target: SurgeTarget,
  pool: ReaderPool,
  plan: WindowPlan,
  progress: (line: string) => void,
): Promise<WindowResult> {
  const comments = Math.max(1, Math.round(plan.rate * plan.seconds));
  const window = ++windows;
  const pid = target.server.pid;
  const acked = new Uint8Array(comments);
  const seqOf = new Float64Array(comments);
  const ackUs = createHistogram();
  const refusals: Record<string, number> = {};
  let acknowledged = 0;
  let posted = 0;
  await pool.open(window, comments);

  const rss: number[] = [procStat(pid).rssKiB];
  const rssTimer = setInterval(() => rss.push(procStat(pid).rssKiB), RSS_EVERY_MS);
  const loopDelay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  loopDelay.enable();
  const loop0 = performance.eventLoopUtilization();
  const cpu0 = { server: procCpu(pid), bench: process.cpuUsage(), preemptions: benchPreemptions() };
  const start = performance.now();
  let delivered = 0;
  const ticker = setInterval(() => {
    void pool.delivered().then((n) => (delivered = n));
    progress(
      `  ${plan.label} @ ${plan.rate}/s: ${posted}/${comments} posted, ${acknowledged} acknowledged, ${delivered} deliveries`,
    );
  }, PROGRESS_EVERY_MS);

  try {
    const acks: Array<Promise<void>> = [];
    while (posted < comments) {
      const due = Math.min(comments, Math.floor(((performance.now() - start) * plan.rate) / 1000) + 1);
      for (; posted < due; posted++) {
        const index = posted;
        const sentAt = benchClock();
        acks.push(
          target
            .post(`A comment of about the usual length, posted in a surge. ${marker(window, index, sentAt)}`)
            .then((result) => {
              ackUs.record(Math.max(1, Math.round((benchClock() - sentAt) * 1000)));
              if (result.ok) {
                acked[index] = 1;
                seqOf[index] = result.seq;
                acknowledged++;
              } else refusals[result.code] = (refusals[result.code] ?? 0) + 1;
            }),
        );
      }
      await sleep(SCHEDULE_TICK_MS);
    }
    const sendSeconds = (performance.now() - start) / 1000;
    await Promise.all(acks);
    const expected = acknowledged * pool.readers;
    const drainUntil = performance.now() + plan.drainMs;
    while ((delivered = await pool.delivered()) < expected && performance.now() < drainUntil) await sleep(50);
    const drained = delivered >= expected;

    const wallSeconds = (performance.now() - start) / 1000;
    const cpu1 = { server: procCpu(pid), bench: process.cpuUsage(cpu0.bench), preemptions: benchPreemptions() };
    const loop = performance.eventLoopUtilization(loop0);
    rss.push(procStat(pid).rssKiB);
    const report = await pool.close(acked, seqOf);
    const serverCpu = cpu1.server.user + cpu1.server.system - cpu0.server.user - cpu0.server.system;
    const { latencyUs, loops, readers, ...deliveries } = report;
    return {
      rate: plan.rate,
      seconds: plan.seconds,
      readers,
      comments: {
        planned: comments,
        acknowledged,
        refused: comments - acknowledged,
        refusals,
        sentPerSecond: +(comments / sendSeconds).toFixed(1),
      },
      ackMs: latencyMs(ackUs),
      deliveries: { expected, drained, ...deliveries },
      latencyMs: latencyMs(latencyUs),
      server: {
        cpuSeconds: +serverCpu.toFixed(2),
        cpuPerDeliveryUs: +((serverCpu * 1e6) / Math.max(1, report.unique)).toFixed(2),
        rssMaxMiB: mib(Math.max(...rss)),
        rssMiB: rss.map(mib),
      },
      generator: {
        cpuPerSecond: +((cpu1.bench.user + cpu1.bench.system) / 1e6 / wallSeconds).toFixed(2),
        preemptions: cpu1.preemptions - cpu0.preemptions,
        writerLoop: {
          utilization: +loop.utilization.toFixed(3),
          delayP99Ms: +Math.max(0, loopDelay.percentile(99) / 1e6 - DELAY_RESOLUTION_MS).toFixed(1),
        },
        readerLoops: loops,
      },
      wallSeconds: +wallSeconds.toFixed(2),
    };
  } finally {
    clearInterval(ticker);
    clearInterval(rssTimer);
    loopDelay.disable();
  }
}
