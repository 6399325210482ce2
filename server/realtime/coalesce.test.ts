import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from './coalesce.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createCoalescer', () => {
  it('runs once per key for a burst, with every item marked meanwhile', async () => {
    vi.useFakeTimers();
    const runs: Array<[string, string[]]> = [];
    const c = createCoalescer<string>(250, async (key, items) => void runs.push([key, [...items]]));
    c.mark('a', 'x');
    c.mark('a', 'y');
    c.mark('b', 'z');
    c.mark('a', 'x');
    await vi.advanceTimersByTimeAsync(249);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([
      ['a', ['x', 'y']],
      ['b', ['z']],
    ]);
  });

  it('never overlaps two runs of one key: a run that is due waits for the one still reading', async () => {
    vi.useFakeTimers();
    const events: string[] = [];
    let release: () => void = () => undefined;
    const c = createCoalescer<number>(100, async (_key, items) => {
      const n = [...items].join(',');
      events.push(`start ${n}`);
      if (n === '1') await new Promise<void>((resolve) => (release = resolve));
      events.push(`end ${n}`);
    });
    c.mark('a', 1);
    await vi.advanceTimersByTimeAsync(100);
    c.mark('a', 2);
    await vi.advanceTimersByTimeAsync(100);
    c.mark('a', 3); // joins the waiting batch
    await vi.advanceTimersByTimeAsync(500);
    expect(events).toEqual(['start 1']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual(['start 1', 'end 1', 'start 2,3', 'end 2,3']);
  });

  it('keeps going after a run fails, and does nothing once closed', async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const c = createCoalescer<number>(10, async (_key, items) => {
      runs.push(...items);
      if (items.has(1)) throw new Error('store away');
    });
    c.mark('a', 1);
    await vi.advanceTimersByTimeAsync(10);
    c.mark('a', 2);
    await vi.advanceTimersByTimeAsync(10);
    c.mark('a', 3);
    c.close();
    c.mark('a', 4);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([1, 2]);
  });
});
