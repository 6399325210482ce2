/**
 * Bounded overload (DESIGN rule 10): past capacity, a process refuses new writes at once with
 * OVERLOADED and a time to retry, instead of queueing them behind each other and acknowledging late.
 *
 * Two signals, either of which refuses:
 * - Writes in flight: writes this process has admitted and not yet answered. It bounds the queue
 *   directly, whatever makes it grow (a slow store, a slow Redis, a busy loop), and it is exact and
 *   immediate: the write that would wait behind too many others is the one refused.
 * - Event-loop delay: how late the loop runs its timers, as the p90 of each one-second window, when
 *   it was above the limit in each of the last two windows. When most turns of the loop have been
 *   late for two seconds, every request of this process waits that long before it even starts.
 *   Sustained is the point: one long pause (a garbage collection, a module compiled on first use, a
 *   burst of packets parsed in one go) lands as one late sample in one window, so it never counts
 *   alone, and a process that is fine again admits writes within a window.
 * A refused write did nothing: it is refused before its handler runs.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';

/** How late the event loop has been running lately. */
export interface EventLoopDelaySource {
  /** The delay (ms) the loop has run at least this late with lately; 0 when it keeps time. */
  recentDelayMs(): number;
  stop(): void;
}

/** Milliseconds between the monitor's samples. */
const RESOLUTION_MS = 10;

/**
 * The event-loop delay from perf_hooks' monitorEventLoopDelay, as the p90 of each window, and
 * `recentDelayMs()` the smaller of the last two windows' figures: the loop was at least that late in
 * both. The histogram holds the time between samples, so the resolution is taken off. `onWindow`
 * hears each window's own figure as it completes.
 */
export function watchEventLoopDelay(
  options: { windowMs?: number; percentile?: number; onWindow?: (delayMs: number) => void } = {},
): EventLoopDelaySource {
  const { windowMs = 1000, percentile = 90, onWindow } = options;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let previous = 0;
  let last = 0;
  const timer = setInterval(() => {
    previous = last;
    last = histogram.count > 0 ? Math.max(0, histogram.percentile(percentile) / 1e6 - RESOLUTION_MS) : 0;
    histogram.reset();
    onWindow?.(last);
  }, windowMs);
  timer.unref();
  return {
    recentDelayMs: () => Math.min(previous, last),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

export interface OverloadSettings {
  /** Writes admitted and not yet answered, at most; 0: no bound. */
  maxWritesInFlight: number;
  /** Refuse writes while the recent event-loop delay is above this (ms); 0: not watched. */
  maxEventLoopDelayMs: number;
  /** The base of the wait a refusal names; each refusal adds up to half of it at random, to spread retries. */
  retryAfterMs: number;
}

export interface OverloadGuard {
  /**
   * Admits one write and returns its release (call it once the write is answered; calling it again
   * does nothing), or throws AppError OVERLOADED with `meta.retryAfterMs` when the process is past capacity.
   */
  admitWrite(): () => void;
  /** Writes admitted and not yet released. */
  readonly writesInFlight: number;
  /** Why writes are refused now, or null. */
  overloadCause(): 'writes-in-flight' | 'event-loop-delay' | null;
  stop(): void;
}

export interface OverloadGuardOptions {
  /** Where the event-loop delay comes from; by default perf_hooks (watchEventLoopDelay) when it is watched. */
  delay?: EventLoopDelaySource | null;
  /** For the retry jitter; tests pass a fixed one. */
  random?: () => number;
  /** Told when the process starts and stops refusing writes. */
  log?: Logger;
}

export function createOverloadGuard(settings: OverloadSettings, options: OverloadGuardOptions = {}): OverloadGuard {
  const delay =
    options.delay !== undefined ? options.delay : settings.maxEventLoopDelayMs > 0 ? watchEventLoopDelay() : null;
  const random = options.random ?? Math.random;
  let inFlight = 0;
  let refusing = false;

  const overloadCause = () => {
    if (settings.maxWritesInFlight > 0 && inFlight >= settings.maxWritesInFlight) return 'writes-in-flight';
    if (delay && settings.maxEventLoopDelayMs > 0 && delay.recentDelayMs() > settings.maxEventLoopDelayMs)
      return 'event-loop-delay';
    return null;
  };

  // One line when refusals start and one when they stop, not one per refusal.
  const note = (cause: ReturnType<typeof overloadCause>) => {
    if ((cause !== null) === refusing) return;
    refusing = cause !== null;
    if (cause)
      options.log?.warn(
        { cause, writesInFlight: inFlight, eventLoopDelayMs: delay?.recentDelayMs() ?? 0 },
        'overloaded: refusing new writes',
      );
    else options.log?.info('no longer overloaded: admitting writes');
  };

  return {
    admitWrite() {
      const cause = overloadCause();
      note(cause);
      if (cause) {
        const retryAfterMs = Math.round(settings.retryAfterMs * (1 + random() / 2));
        throw new AppError(
          'OVERLOADED',
          `Parley is very busy right now; nothing was saved. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
          undefined,
          { meta: { retryAfterMs } },
        );
      }
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
      };
    },
    get writesInFlight() {
      return inFlight;
    },
    overloadCause,
    stop() {
      delay?.stop();
    },
  };
}
