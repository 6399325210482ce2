import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { plantedMatrix } from '../../../test/helpers/planted-votes.js';
import { within } from '../../../test/helpers/wait.js';
import { analyse } from './analysis.js';
import { createAnalysisRunner, type AnalysisRunner } from './analysis-runner.js';

// Every worker the runner starts, so a test can kill one the way a crash would.
const started = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.push(this);
    }
  }
  return { ...actual, Worker: RecordedWorker };
});

// A worker's first run loads tsx and the analysis in the thread: seconds on a busy machine.
const RUN_MS = 20_000;
const planted = plantedMatrix({ camps: [120, 80], divisive: 10, shared: 3, seed: 1 });

let runner: AnalysisRunner | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

describe('the analysis runner', () => {
  it('gives in its worker what analyse gives inline, and leaves the caller its matrix', async () => {
    runner = createAnalysisRunner();
    const before = started.length;
    const output = await within(RUN_MS, 'a run in the worker', runner.run(planted.matrix));
    expect(started.length).toBe(before + 1);
    expect(output).toEqual(analyse(planted.matrix));
    expect(output.groupOf).toBeInstanceOf(Int16Array);
    expect(output.coords).toBeInstanceOf(Float64Array);
    expect(planted.matrix.cells.length).toBe(planted.matrix.rows * planted.matrix.cols);
  }, 30_000);

  it('reuses one worker, answers runs in flight each with its own output', async () => {
    runner = createAnalysisRunner();
    const before = started.length;
    const three = plantedMatrix({ camps: [90, 70, 50], divisive: 12, shared: 3, seed: 2 });
    const [a, b] = await within(
      RUN_MS,
      'two runs',
      Promise.all([runner.run(planted.matrix), runner.run(three.matrix)]),
    );
    expect(a).toEqual(analyse(planted.matrix));
    expect(b).toEqual(analyse(three.matrix));
    expect(started.length).toBe(before + 1);
  }, 30_000);

  it('runs again after close(), in a new worker', async () => {
    runner = createAnalysisRunner();
    await within(RUN_MS, 'the first run', runner.run(planted.matrix));
    await runner.close();
    const before = started.length;
    const output = await within(RUN_MS, 'a run after close', runner.run(planted.matrix));
    expect(output.groups).toHaveLength(2);
    expect(started.length).toBe(before + 1);
  }, 40_000);

  it('rejects the runs of a worker that dies, and starts a new one for the next run', async () => {
    runner = createAnalysisRunner();
    const lost = runner.run(planted.matrix);
    await started.at(-1)!.terminate();
    await expect(within(RUN_MS, 'the lost run', lost)).rejects.toThrow(/analysis worker exited/);
    const before = started.length;
    const output = await within(RUN_MS, 'a run after the crash', runner.run(planted.matrix));
    expect(output).toEqual(analyse(planted.matrix));
    expect(started.length).toBe(before + 1);
  }, 40_000);

  it('rejects a run whose analysis fails, and keeps working', async () => {
    runner = createAnalysisRunner();
    const malformed = { rows: 3, cols: 3, cells: new Int8Array(8) };
    await expect(within(RUN_MS, 'a failing run', runner.run(malformed))).rejects.toThrow(/needs 9 cells/);
    const output = await within(RUN_MS, 'a run after the failure', runner.run(planted.matrix));
    expect(output.groups).toHaveLength(2);
  }, 40_000);

  it('inline: the same output on the calling thread, no worker', async () => {
    runner = createAnalysisRunner({ inline: true });
    const before = started.length;
    expect(await runner.run(planted.matrix)).toEqual(analyse(planted.matrix));
    expect(started.length).toBe(before);
  });
});
