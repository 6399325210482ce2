import { describe, expect, it } from 'vitest';
import { FLOOD_WINDOW_MS, FloodGuard } from './flood-guard.js';

/** A guard on a clock the test moves by hand. */
function guardAt(perSecond: number, start = 1_000_000) {
  const clock = { now: start };
  return { guard: new FloodGuard(perSecond, () => clock.now), clock };
}

const takeTimes = (guard: FloodGuard, n: number) => Array.from({ length: n }, () => guard.take());

describe('FloodGuard', () => {
  it('lets a burst of twice the rate through in one window and refuses the next with the time left', () => {
    const { guard, clock } = guardAt(5);
    expect(takeTimes(guard, 10)).toEqual(Array(10).fill(0));
    clock.now += 500;
    expect(guard.take()).toBe(FLOOD_WINDOW_MS - 500);
    clock.now += 1499;
    expect(guard.take()).toBe(1);
  });

  it('starts a new window once the last one has ended', () => {
    const { guard, clock } = guardAt(1);
    expect(takeTimes(guard, 3)).toEqual([0, 0, FLOOD_WINDOW_MS]);
    clock.now += FLOOD_WINDOW_MS;
    expect(takeTimes(guard, 3)).toEqual([0, 0, FLOOD_WINDOW_MS]);
  });

  it('counts refused events too, so a flood stays refused until its window ends', () => {
    const { guard, clock } = guardAt(2);
    takeTimes(guard, 100);
    clock.now += FLOOD_WINDOW_MS - 1;
    expect(guard.take()).toBe(1);
    clock.now += 1;
    expect(guard.take()).toBe(0);
  });

  it('counts each connection on its own', () => {
    const a = guardAt(1);
    const b = guardAt(1);
    takeTimes(a.guard, 5);
    expect(a.guard.take()).toBeGreaterThan(0);
    expect(b.guard.take()).toBe(0);
  });
});
