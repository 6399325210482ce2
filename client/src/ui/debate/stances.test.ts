import { describe, expect, it } from 'vitest';
import type { DebateSummary } from '../../../../shared/events.js';
import { debateSummary } from '../../testing/fixtures.js';
import { debateNumbers, stanceLabels } from './stances.js';

const debate = (id: string, createdAt: string, names: string[]): DebateSummary => ({
  ...debateSummary(id),
  createdAt,
  positions: names.map((name) => ({ id: `${id}-${name}`, name })),
});

describe('stanceLabels', () => {
  it('is the bare position name when the article has one debate', () => {
    expect(stanceLabels([debate('d1', '2026-01-01T00:00:00Z', ['Pakistan', 'Afghanistan'])])).toEqual([
      { id: 'd1-Pakistan', name: 'Pakistan' },
      { id: 'd1-Afghanistan', name: 'Afghanistan' },
    ]);
  });

  it('names the debate, numbered by age, when there are several (the same names twice stay apart)', () => {
    const newer = debate('d2', '2026-02-01T00:00:00Z', ['Pakistan']);
    const older = debate('d1', '2026-01-01T00:00:00Z', ['Pakistan']);
    expect(stanceLabels([newer, older])).toEqual([
      { id: 'd1-Pakistan', name: 'Pakistan · debate 1' },
      { id: 'd2-Pakistan', name: 'Pakistan · debate 2' },
    ]);
    expect(debateNumbers([newer, older])).toEqual(
      new Map([
        ['d1', 1],
        ['d2', 2],
      ]),
    );
  });

  it('is empty without debates', () => {
    expect(stanceLabels([])).toEqual([]);
  });
});
