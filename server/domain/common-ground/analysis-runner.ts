/**
 * Runs `analyse` (analysis.ts) off the event loop: 10,000 participants × 100 statements take a few
 * hundred milliseconds, which on the main thread would hold up every socket of the process.
 *
 * One worker thread, started on the first run and reused; requests queue in it and are answered
 * in order. If it dies (crash, out of memory), the runs it held are rejected and the next run
 * starts a new one. `close()` terminates it; a run after that starts it again.
 */
import { Worker } from 'node:worker_threads';
import { analyse, type AnalysisOutput, type VoteMatrix } from './analysis.js';
import type { AnalysisReply, AnalysisRequest } from './analysis-worker.js';

export interface AnalysisRunner {
  /** `analyse(matrix)`, computed in the worker. The caller keeps `matrix` (a copy is sent). */
  run(matrix: VoteMatrix): Promise<AnalysisOutput>;
  /** Terminates the worker; runs still waiting are rejected. */
  close(): Promise<void>;
}

interface Waiting {
  resolve(output: AnalysisOutput): void;
  reject(error: Error): void;
}

/** `inline`: analyse on the calling thread (unit tests, and anyone who knows the matrix is tiny). */
export function createAnalysisRunner(options: { inline?: boolean } = {}): AnalysisRunner {
  if (options.inline) {
    return { run: async (matrix) => analyse(matrix), close: async () => {} };
  }
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, Waiting>();

  const rejectAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };

  // An idle worker must not keep the process alive (a test or a CLI that forgot close()); a busy
  // one must, or a process with nothing else to do would exit before the answer.
  const refWhileBusy = (w: Worker) => (waiting.size > 0 ? w.ref() : w.unref());

  function start(): Worker {
    const started = startWorker();
    started.on('message', (reply: AnalysisReply) => {
      const run = waiting.get(reply.id);
      if (!run) return;
      waiting.delete(reply.id);
      if ('output' in reply) run.resolve(reply.output);
      else run.reject(new Error(`analysis failed: ${reply.error}`));
      refWhileBusy(started);
    });
    // 'error' (an uncaught exception in the worker) is followed by 'exit'; both end this worker.
    const ended = (error: Error) => {
      if (worker !== started) return;
      worker = null;
      rejectAll(error);
    };
    started.on('error', (err) => ended(new Error(`analysis worker failed: ${err.message}`)));
    started.on('exit', (code) => ended(new Error(`analysis worker exited (code ${code})`)));
    return started;
  }

  return {
    run(matrix) {
      const current = (worker ??= start());
      const id = nextId++;
      // A copy, so the caller's matrix stays usable; the copy's buffer moves to the worker.
      const cells = matrix.cells.slice();
      const request: AnalysisRequest = { id, matrix: { rows: matrix.rows, cols: matrix.cols, cells } };
      return new Promise<AnalysisOutput>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        refWhileBusy(current);
        current.postMessage(request, [cells.buffer]);
      });
    },
    async close() {
      const closing = worker;
      worker = null;
      rejectAll(new Error('analysis runner closed'));
      await closing?.terminate();
    },
  };
}

/**
 * The worker thread. Compiled (dist/, this file is .js) it is analysis-worker.js; from the
 * TypeScript sources (tsx, vitest) a worker cannot load .ts by itself, so a small .mjs registers
 * tsx in the worker and then loads analysis-worker.ts.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./analysis-worker.js', here));
  return new Worker(new URL('./analysis-worker-boot.mjs', here), {
    workerData: { entry: new URL('./analysis-worker.ts', here).href },
  });
}
