/**
 * Checking off marked comments at their readers, for the benches that post comments and watch them
 * arrive (bench/cluster.ts, bench/surge.ts).
 *
 * Each comment's body ends with a marker, `#w<window>c<index>t<sent>#`: the measured window it
 * belongs to, its index in that window, and when it was sent, in microseconds on `benchClock`. The
 * send time travels in the body so that a reader in another thread can time the delivery without
 * asking the writer: `performance.timeOrigin + performance.now()` is one clock for every thread of
 * the process (worker_threads share the process's time origin).
 *
 * A tally reads the markers out of raw frames, whatever the server's JSON shape (the marker is in
 * the body text, and nothing in it needs escaping): one in an `article:change`, several in a busy
 * tick's `article:changes`. Per reader and comment it keeps whether it arrived; besides, the
 * duplicates, the marks of other windows, and a latency histogram of the live deliveries
 * (perf_hooks' HDR histogram: small whatever the count, mergeable, and it crosses to another thread
 * through postMessage).
 */
import { createHistogram, performance, type Histogram, type RecordableHistogram } from 'node:perf_hooks';

/** Milliseconds on the one clock of this process and its worker threads. */
export const benchClock = (): number => performance.timeOrigin + performance.now();

/** The marker to end comment `index` of window `window` with, stamped with its send time. */
export function marker(window: number, index: number, sentAtMs: number = benchClock()): string {
  return `#w${window}c${index}t${Math.round(sentAtMs * 1000)}#`;
}

const MARK = Buffer.from('#w');
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export class DeliveryTally {
  /** reader × comment: 1 once it arrived (live or by a sync). */
  readonly seen: Uint8Array;
  /** Deliveries checked off: a comment's first arrival at a reader. */
  unique = 0;
  duplicates = 0;
  /** Of `unique`: arrived through a sync the server asked for, not live (no latency recorded). */
  recovered = 0;
  /** Marks that are not this window's (warm-up comments, an earlier window's late arrivals). */
  other = 0;
  /** Latency of each live delivery, in microseconds. */
  readonly latencyUs: RecordableHistogram = createHistogram();

  constructor(
    readonly window: number,
    readonly comments: number,
    readonly readers: number,
  ) {
    this.seen = new Uint8Array(readers * comments);
  }

  /**
   * Checks off every marker in `frame` (from byte `from` on) for `reader`. `live`: as the server
   * pushed it (its latency counts); else the answer to a sync.
   */
  receive(reader: number, frame: Buffer, from = 0, live = true, nowMs: number = benchClock()): void {
    const nowUs = nowMs * 1000;
    for (let i = frame.indexOf(MARK, from); i >= 0; i = frame.indexOf(MARK, i)) {
      i += MARK.length;
      let window = 0;
      let index = 0;
      let sentUs = 0;
      let c = frame[i++]!;
      for (; c >= DIGIT_0 && c <= DIGIT_9; c = frame[i++]!) window = window * 10 + c - DIGIT_0;
      if (c !== 0x63 /* c */ || window !== this.window) {
        this.other++;
        continue;
      }
      for (c = frame[i++]!; c >= DIGIT_0 && c <= DIGIT_9; c = frame[i++]!) index = index * 10 + c - DIGIT_0;
      if (c !== 0x74 /* t */ || index >= this.comments) {
        this.other++;
        continue;
      }
      for (c = frame[i++]!; c >= DIGIT_0 && c <= DIGIT_9; c = frame[i++]!) sentUs = sentUs * 10 + c - DIGIT_0;
      const k = reader * this.comments + index;
      if (this.seen[k]) {
        this.duplicates++;
        continue;
      }
      this.seen[k] = 1;
      this.unique++;
      if (live) this.latencyUs.record(Math.max(1, Math.round(nowUs - sentUs)));
      else this.recovered++;
    }
  }
}

/** p50, p99 and max of a latency histogram in microseconds, as milliseconds (NaN when empty). */
export function latencyMs(histogram: Histogram): { p50: number; p99: number; max: number; count: number } {
  if (histogram.count === 0) return { p50: NaN, p99: NaN, max: NaN, count: 0 };
  const ms = (us: number) => +(us / 1000).toFixed(1);
  return {
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    count: histogram.count,
  };
}

/** One histogram holding every sample of `parts`. */
export function mergeHistograms(parts: Histogram[]): RecordableHistogram {
  const all = createHistogram();
  for (const part of parts) all.add(part as RecordableHistogram);
  return all;
}
