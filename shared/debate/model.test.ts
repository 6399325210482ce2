import { describe, expect, it } from 'vitest';
import { remainingMs } from './machine.js';
import { computeResults, templatePlan, UNDECIDED } from './model.js';

const positions = [
  { id: 'pk', name: 'Pakistan' },
  { id: 'af', name: 'Afghanistan' },
];

describe('debate results', () => {
  it('computes shares, swing and the winner as Intelligence Squared does', () => {
    const pre = { counts: { pk: 30, af: 40, [UNDECIDED]: 30 }, total: 100 };
    const post = { counts: { pk: 45, af: 42, [UNDECIDED]: 13 }, total: 100 };
    const r = computeResults(['pk', 'af'], pre, post);
    expect(r.positions.find((p) => p.positionId === 'pk')).toMatchObject({
      prePercent: 30,
      postPercent: 45,
      swing: 15,
    });
    expect(r.positions.find((p) => p.positionId === 'af')).toMatchObject({ prePercent: 40, postPercent: 42, swing: 2 });
    // Afghanistan leads the final vote, but Pakistan moved more minds: Pakistan wins.
    expect(r.winner).toBe('pk');
  });

  it('has no winner on a tie or without votes', () => {
    const even = { counts: { pk: 5, af: 5 }, total: 10 };
    expect(computeResults(['pk', 'af'], even, even).winner).toBeNull();
    expect(computeResults(['pk', 'af'], { counts: {}, total: 0 }, { counts: {}, total: 0 }).winner).toBeNull();
  });

  it('builds template plans', () => {
    expect(templatePlan('oxford', positions).map((p) => p.kind)).toEqual([
      'opening',
      'opening',
      'rebuttal',
      'rebuttal',
      'questions',
      'closing',
      'closing',
    ]);
    expect(templatePlan('lincoln-douglas', positions)).toHaveLength(7);
    expect(templatePlan('free-form', positions)).toHaveLength(1);
  });

  it('counts down from the server end time', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(remainingMs({ running: true, endsAt: '2026-01-01T00:01:00Z', remainingMs: 0 }, now)).toBe(60_000);
    expect(remainingMs({ running: false, endsAt: null, remainingMs: 5000 }, now)).toBe(5000);
    expect(remainingMs({ running: true, endsAt: '2025-01-01T00:00:00Z', remainingMs: 0 }, now)).toBe(0);
  });
});
