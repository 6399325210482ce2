import { describe, expect, it } from 'vitest';
import { countOf } from './plural.js';

describe('countOf', () => {
  it('takes the singular for a whole one of either sign, the plural for every other count', () => {
    expect(countOf(1, 'point')).toBe('1 point');
    expect(countOf(-1, 'point')).toBe('-1 point');
    expect(countOf(2, 'point')).toBe('2 points');
    expect(countOf(0, 'upvote')).toBe('0 upvotes');
    expect(countOf(-2, 'point')).toBe('-2 points');
    expect(countOf(1.5, 'point')).toBe('1.5 points');
  });

  it('takes an irregular plural when given one', () => {
    expect(countOf(1, 'reply', 'replies')).toBe('1 reply');
    expect(countOf(3, 'reply', 'replies')).toBe('3 replies');
  });
});
