/**
 * Readers spread over worker threads (bench/reader-worker.ts), so that receiving a surge (a thousand
 * readers × hundreds of comments a second) is not the bench's bottleneck: each thread reads, checks
 * off and times its share, and the pool adds their reports up.
 *
 * A window: `open` (each thread starts a tally), the comments are posted, `delivered` is polled
 * until every delivery is in (or the drain time passes), then `close` with which comments were
 * acknowledged, and their seqs, gives the window's report.
 */
import { type Histogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { mergeHistograms } from './delivery-tally.js';
import type { ReaderTarget, WorkerRequest, WorkerWindowReport } from './reader-worker.js';

export interface PoolWindowReport extends Omit<WorkerWindowReport, 'latencyUs' | 'loop'> {
  latencyUs: Histogram;
  /** Each thread's event loop over the window. */
  loops: Array<WorkerWindowReport['loop']>;
}

const WORKER = new URL('./reader-worker.ts', import.meta.url).href;
/** A worker thread does not inherit tsx's loader from `--import`: it registers it itself. */
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`;

interface Thread {
  worker: Worker;
  calls: Map<number, { resolve(reply: unknown): void; reject(err: Error): void }>;
  onProgress: (readers: number) => void;
}

export class ReaderPool {
  private nextCall = 0;
  private connected = 0;
  private constructor(private readonly threads: Thread[]) {}

  static start(threads: number): ReaderPool {
    return new ReaderPool(
      Array.from({ length: threads }, () => {
        const thread: Thread = { worker: new Worker(BOOT, { eval: true }), calls: new Map(), onProgress: () => {} };
        thread.worker.on('message', (m: { id?: number; reply?: unknown; error?: string; progress?: number }) => {
          if (m.progress !== undefined) return thread.onProgress(m.progress);
          const call = thread.calls.get(m.id!);
          thread.calls.delete(m.id!);
          if (m.error) call?.reject(new Error(`reader thread: ${m.error}`));
          else call?.resolve(m.reply);
        });
        thread.worker.on('error', (err) => {
          for (const call of thread.calls.values()) call.reject(err);
          thread.calls.clear();
        });
        return thread;
      }),
    );
  }

  get size(): number {
    return this.threads.length;
  }

  /** Readers connected and joined now. */
  get readers(): number {
    return this.connected;
  }

  private call<T>(thread: Thread, request: WorkerRequest): Promise<T> {
    const id = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      thread.calls.set(id, { resolve: resolve as (reply: unknown) => void, reject });
      thread.worker.postMessage({ id, request });
    });
  }

  private all<T>(request: WorkerRequest): Promise<T[]> {
    return Promise.all(this.threads.map((t) => this.call<T>(t, request)));
  }

  /** Opens `readers` readers of `target`, spread evenly; `progress` hears the total joined so far. */
  async connect(target: ReaderTarget, readers: number, progress: (joined: number) => void): Promise<void> {
    const joined = this.threads.map(() => 0);
    await Promise.all(
      this.threads.map((thread, i) => {
        thread.onProgress = (n) => {
          joined[i] = n;
          progress(joined.reduce((a, b) => a + b, 0));
        };
        const share = Math.floor(readers / this.threads.length) + (i < readers % this.threads.length ? 1 : 0);
        return this.call(thread, { op: 'connect', target, count: share });
      }),
    );
    this.connected += readers;
  }

  async open(window: number, comments: number): Promise<void> {
    await this.all({ op: 'open', window, comments });
  }

  /** Deliveries checked off so far in the open window, every thread together. */
  async delivered(): Promise<number> {
    return (await this.all<number>({ op: 'count' })).reduce((a, b) => a + b, 0);
  }

  async close(acked: Uint8Array, seqOf: Float64Array): Promise<PoolWindowReport> {
    const parts = await this.all<WorkerWindowReport>({ op: 'close', acked, seqOf });
    const sum = (f: (r: WorkerWindowReport) => number) => parts.reduce((n, r) => n + f(r), 0);
    const seqParts = parts.map((r) => r.seq).filter((s) => s !== null);
    return {
      readers: sum((r) => r.readers),
      unique: sum((r) => r.unique),
      duplicates: sum((r) => r.duplicates),
      other: sum((r) => r.other),
      recovered: sum((r) => r.recovered),
      latencyUs: mergeHistograms(parts.map((r) => r.latencyUs)),
      lost: sum((r) => r.lost),
      readersMissing: sum((r) => r.readersMissing),
      coveredBySnapshot: sum((r) => r.coveredBySnapshot),
      unacknowledgedDelivered: sum((r) => r.unacknowledgedDelivered),
      resyncNotices: sum((r) => r.resyncNotices),
      snapshots: sum((r) => r.snapshots),
      seq: seqParts.length
        ? {
            gaps: seqParts.reduce((n, s) => n + s.gaps, 0),
            missing: seqParts.reduce((n, s) => n + s.missing, 0),
            repeats: seqParts.reduce((n, s) => n + s.repeats, 0),
          }
        : null,
      frames: sum((r) => r.frames),
      loops: parts.map((r) => r.loop),
    };
  }

  /** Closes every reader (the threads stay, for the next server). */
  async disconnect(): Promise<void> {
    await this.all({ op: 'disconnect' });
    this.connected = 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}
