/** The main thread's event loop, watched two ways while some work runs (bench/ground.ts). */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoopWatch {
  /** Largest event-loop delay monitorEventLoopDelay saw (ms; it includes the 1 ms resolution). */
  maxDelayMs: number;
  p99DelayMs: number;
  /** Largest gap between two ticks of a 1 ms setInterval (ms). */
  maxGapMs: number;
}

/** Watches the main thread's event loop while `work` runs. */
export async function watchEventLoop(work: () => Promise<void>): Promise<LoopWatch> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 1);
  histogram.enable();
  try {
    // The histogram records from its own first tick on: a block before that would go unseen.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await work();
    // One more tick, so a block at the very end of `work` shows as a gap too.
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    histogram.disable();
    clearInterval(ticker);
  }
  return {
    maxDelayMs: histogram.max / 1e6,
    p99DelayMs: histogram.percentile(99) / 1e6,
    maxGapMs,
  };
}
