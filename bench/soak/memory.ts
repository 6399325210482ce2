/**
 * The server's memory over the run: RSS (from /proc) and the V8 heap after a full collection (from
 * the preloaded probe), sampled at a fixed interval; then a least-squares line through the samples
 * after the warm-up (simple-statistics), whose slope says whether memory keeps growing.
 */
import { linearRegression } from 'simple-statistics';
import { verdict, type CheckResult } from './check.js';
import { pause } from './pace.js';
import { PLAN } from './plan.js';
import type { MemorySample, SoakServer } from './server.js';

export interface Fit {
  /** MB per minute. */
  slope: number;
  /** MB at t = 0 (the line is value = intercept + slope * minutes). */
  intercept: number;
  samples: number;
  fromSeconds: number;
  toSeconds: number;
}

/** The sampling interval for a run of `loadMs`: about PLAN.sampleEveryMs.samples samples, within bounds. */
export function sampleInterval(loadMs: number): number {
  const { min, max, samples } = PLAN.sampleEveryMs;
  return Math.min(max, Math.max(min, loadMs / samples));
}

/**
 * Adds a sample to `samples` now, every `everyMs` until `signal` aborts, and once more then; a
 * probe that does not answer is handed to `onError`.
 */
export async function sampleMemory(
  server: SoakServer,
  startedAt: number,
  everyMs: number,
  signal: AbortSignal,
  samples: MemorySample[],
  onError: (err: unknown) => void,
): Promise<void> {
  const one = async () => {
    try {
      samples.push({ t: (Date.now() - startedAt) / 1000, ...(await server.memory()) });
    } catch (err) {
      onError(err);
    }
  };
  await one();
  while (await pause(everyMs, signal)) await one();
  await one();
}

/** The least-squares line through the samples from `fromSeconds` on, or null with fewer than three. */
export function fitAfter(
  samples: MemorySample[],
  key: 'rssMB' | 'heapMB' | 'heapTotalMB' | 'externalMB',
  fromSeconds: number,
): Fit | null {
  const kept = samples.filter((s) => s.t >= fromSeconds && s[key] !== undefined);
  if (kept.length < 3) return null;
  const { m, b } = linearRegression(kept.map((s) => [s.t / 60, s[key]!]));
  return { slope: m, intercept: b, samples: kept.length, fromSeconds: kept[0]!.t, toSeconds: kept.at(-1)!.t };
}

/** Flat: a slope under PLAN.maxSlopeMBPerMinute. Not judged when the window is too short to tell. */
export function memoryCheck(what: string, fit: Fit | null): CheckResult {
  const name = `${what} is flat after the warm-up (slope under ${PLAN.maxSlopeMBPerMinute} MB/min)`;
  if (!fit)
    return { name, passed: null, detail: 'not judged: fewer than three samples after the warm-up', problems: [] };
  const minutes = (fit.toSeconds - fit.fromSeconds) / 60;
  const detail = `${fit.slope.toFixed(3)} MB/min over ${minutes.toFixed(1)} min, ${fit.samples} samples`;
  if (minutes < PLAN.minJudgedWindowMinutes)
    return {
      name,
      passed: null,
      detail: `not judged: ${detail} (a window under ${PLAN.minJudgedWindowMinutes} min is noise)`,
      problems: [],
    };
  return verdict(name, detail, fit.slope < PLAN.maxSlopeMBPerMinute ? [] : [`slope ${fit.slope.toFixed(3)} MB/min`]);
}
