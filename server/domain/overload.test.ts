import { afterEach, describe, expect, it } from 'vitest';
import { createOverloadGuard, watchEventLoopDelay, type EventLoopDelaySource, type OverloadGuard } from './overload.js';
import { codeOf } from './testing/memory-deps.js';

/** A delay source the test sets by hand. */
function fakeDelay(initial = 0): EventLoopDelaySource & { set(ms: number): void; stopped: boolean } {
  let delay = initial;
  return {
    stopped: false,
    set(ms) {
      delay = ms;
    },
    recentDelayMs: () => delay,
    stop() {
      this.stopped = true;
    },
  };
}

/** The refusal admitWrite throws, as a promise (for codeOf) and as the error itself. */
function refusalOf(guard: OverloadGuard): Error & { code: string; meta?: { retryAfterMs?: number } } {
  try {
    guard.admitWrite();
  } catch (err) {
    return err as Error & { code: string; meta?: { retryAfterMs?: number } };
  }
  throw new Error('expected admitWrite to refuse');
}

const settings = { maxWritesInFlight: 2, maxEventLoopDelayMs: 100, retryAfterMs: 2000 };

describe('the overload guard', () => {
  it('admits up to the bound of writes in flight, refuses the next at once, and admits again on release', async () => {
    const guard = createOverloadGuard(settings, { delay: fakeDelay(), random: () => 0.5 });
    const first = guard.admitWrite();
    const second = guard.admitWrite();
    expect(guard.writesInFlight).toBe(2);
    expect(guard.overloadCause()).toBe('writes-in-flight');
    const refusal = refusalOf(guard);
    expect(refusal).toMatchObject({ code: 'OVERLOADED', meta: { retryAfterMs: 2500 } });
    expect(refusal.message).toBe('Parley is very busy right now; nothing was saved. Try again in 3 s.');
    expect(await codeOf(Promise.resolve().then(() => guard.admitWrite()))).toBe('OVERLOADED');
    // A refusal takes no place; a release (once, however often called) frees one.
    expect(guard.writesInFlight).toBe(2);
    first();
    first();
    expect(guard.writesInFlight).toBe(1);
    const third = guard.admitWrite();
    second();
    third();
    expect(guard.writesInFlight).toBe(0);
    expect(guard.overloadCause()).toBeNull();
  });

  it('refuses while the recent event-loop delay is above the limit, and spreads the retry times', () => {
    const delay = fakeDelay(0);
    let roll = 0;
    const guard = createOverloadGuard(settings, { delay, random: () => roll });
    guard.admitWrite()();
    delay.set(101);
    expect(guard.overloadCause()).toBe('event-loop-delay');
    expect(refusalOf(guard).meta?.retryAfterMs).toBe(2000);
    roll = 0.999;
    expect(refusalOf(guard).meta?.retryAfterMs).toBe(2999);
    delay.set(100);
    guard.admitWrite()();
    guard.stop();
    expect(delay.stopped).toBe(true);
  });

  it('has no bound where a setting is 0', () => {
    const delay = fakeDelay(10_000);
    const guard = createOverloadGuard({ maxWritesInFlight: 0, maxEventLoopDelayMs: 0, retryAfterMs: 1000 }, { delay });
    const releases = Array.from({ length: 1000 }, () => guard.admitWrite());
    expect(guard.writesInFlight).toBe(1000);
    for (const release of releases) release();
  });
});

describe('the event-loop delay signal (perf_hooks)', () => {
  const sources: EventLoopDelaySource[] = [];
  afterEach(() => {
    for (const s of sources.splice(0)) s.stop();
  });

  /** Keeps the loop busy for `ms` without yielding (a handler doing too much work). */
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // spin
    }
  };
  const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('reports a loop that has been late most of the time for two windows', async () => {
    const windows: number[] = [];
    const source = watchEventLoopDelay({ windowMs: 300, onWindow: (ms) => windows.push(ms) });
    sources.push(source);
    // Saturated: turns of 60 ms back to back, for three whole windows.
    while (windows.length < 3) {
      busy(60);
      await yieldToLoop();
    }
    expect(Math.min(...windows.slice(1))).toBeGreaterThan(30);
    expect(source.recentDelayMs()).toBeGreaterThan(30);
  });

  it('does not count one long pause on its own, even one that fills a window', async () => {
    const windows: Array<{ own: number; recent: number }> = [];
    let windowClosed = () => undefined as void;
    const source = watchEventLoopDelay({
      windowMs: 300,
      onWindow: (own) => {
        windows.push({ own, recent: source.recentDelayMs() });
        windowClosed();
      },
    });
    sources.push(source);
    const nextWindow = () => new Promise<void>((resolve) => (windowClosed = resolve));
    await nextWindow();
    await nextWindow();
    // A few ordinary samples into the new window, then one pause longer than the window: the
    // window closes with little besides the pause, so its own figure is the pause.
    await new Promise((resolve) => setTimeout(resolve, 40));
    const before = windows.length;
    busy(450);
    await nextWindow();
    const paused = windows[before]!;
    expect(paused.own).toBeGreaterThan(300);
    // The recent delay needs two late windows in a row: one pause does not make it.
    expect(paused.recent).toBeLessThan(paused.own);
  });
});
