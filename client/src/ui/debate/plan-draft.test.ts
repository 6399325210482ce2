import { describe, expect, it } from 'vitest';
import { draftOf, editPhase, movePhase, removePhase, secondsOf, withPositionIds } from './plan-draft.js';

const positions = [
  { id: '0', name: 'For' },
  { id: '1', name: 'Against' },
];

describe('plan drafts', () => {
  it('start from the template, and edit titles, lengths, auto-advance and order', () => {
    let d = draftOf('oxford', positions);
    expect(d.plan).toHaveLength(7);
    expect(d.preVoteCloses).toBe('start');
    d = editPhase(d, 0, { title: 'Opening', durationSeconds: 90, autoAdvance: true });
    expect(d.plan[0]).toMatchObject({ title: 'Opening', durationSeconds: 90, autoAdvance: true });
    d = movePhase(d, 0, 1);
    expect(d.plan[1]!.title).toBe('Opening');
    expect(movePhase(d, 0, -1)).toBe(d);
    expect(movePhase(d, 6, 1)).toBe(d);
    d = removePhase(d, 1);
    expect(d.plan).toHaveLength(6);
    const one = { ...d, plan: d.plan.slice(0, 1) };
    expect(removePhase(one, 0)).toBe(one);
  });

  it('read lengths as typed, brought within 2 s to 4 h', () => {
    expect(secondsOf('7', '0')).toBe(420);
    expect(secondsOf('0', '30')).toBe(30);
    expect(secondsOf('0', '0')).toBe(2);
    expect(secondsOf('', '3')).toBe(3);
    expect(secondsOf('300', '0')).toBe(4 * 3600);
    expect(secondsOf('1.5', '0')).toBe(null);
    expect(secondsOf('1', '60')).toBe(null);
    expect(secondsOf('-1', '0')).toBe(null);
  });

  it('name the real position ids once the roster is made', () => {
    const d = withPositionIds(draftOf('oxford', positions), ['0', '1'], ['p-for', 'p-against']);
    expect(d.plan.map((p) => p.positionId)).toEqual([
      'p-for',
      'p-against',
      'p-for',
      'p-against',
      null,
      'p-for',
      'p-against',
    ]);
  });
});
