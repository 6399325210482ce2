/**
 * Pacing of the soak's actors: random pauses around a mean (so actors do not march in step), loops
 * that stop when the run ends, and random picks. Pauses here shape the load; nothing waits on the
 * clock for something to happen (the drain waits on conditions, see drain.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** A random duration between half and one and a half times `mean`. */
export const jitter = (mean: number): number => mean * (0.5 + Math.random());

/** A random number in [lo, hi). */
export const between = ([lo, hi]: readonly [number, number]): number => lo + Math.random() * (hi - lo);

export const chance = (p: number): boolean => Math.random() < p;

export function pick<T>(list: readonly T[]): T | undefined {
  return list.length === 0 ? undefined : list[Math.floor(Math.random() * list.length)];
}

/** One key of `weights`, drawn with probability proportional to its weight. */
export function pickWeighted<K extends string>(weights: Record<K, number>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  let roll = Math.random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries.at(-1)![0];
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `act` after a random pause around `everyMs`, again and again, until `signal` aborts; an
 * action in flight finishes first. A throw is handed to `onError` and the loop goes on.
 */
export async function every(
  signal: AbortSignal,
  everyMs: number,
  act: () => Promise<void>,
  onError: (err: unknown) => void,
): Promise<void> {
  while (await pause(jitter(everyMs), signal)) {
    try {
      await act();
    } catch (err) {
      onError(err);
    }
  }
}
