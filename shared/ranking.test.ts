import { describe, expect, it } from 'vitest';
import { controversy, rankKeys, wilsonLowerBound } from './ranking.js';

describe('ranking', () => {
  it('ranks a well-supported comment above a lucky new one (Wilson lower bound)', () => {
    expect(wilsonLowerBound(300, 20)).toBeGreaterThan(wilsonLowerBound(3, 0));
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(10, 0)).toBeCloseTo(0.7225, 3);
    expect(wilsonLowerBound(0, 10)).toBeCloseTo(0, 6);
  });

  it('finds evenly split, busy comments controversial', () => {
    expect(controversy(50, 50)).toBe(100);
    expect(controversy(50, 50)).toBeGreaterThan(controversy(90, 10));
    expect(controversy(5, 0)).toBe(0);
    expect(rankKeys(7, 3)).toMatchObject({ score: 4 });
  });
});
