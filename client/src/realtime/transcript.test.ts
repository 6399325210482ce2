import { describe, expect, it } from 'vitest';
import type { StatementView } from '../../../shared/debate/statements.js';
import { appliedSeq, emptyTranscript, hasGap, mergeStatements } from './transcript.js';

const said = (seq: number, debateId = 'd1'): StatementView => ({
  debateId,
  seq,
  phaseIndex: 0,
  speaker: { userId: 'u1', name: 'Ayesha', positionId: 'pk' },
  via: 'debater',
  text: `Paragraph ${seq}.`,
  createdAt: '2026-12-06T04:00:00.000Z',
});

describe('a client’s copy of the statement stream', () => {
  it('applies paragraphs in seq order, once, and holds those beyond a gap until it fills', () => {
    let copy = mergeStatements(emptyTranscript('d1'), [said(1), said(2)]);
    expect(appliedSeq(copy)).toBe(2);
    // A duplicate (the acknowledgement and the broadcast of one post) and another debate's paragraph change nothing.
    expect(mergeStatements(copy, [said(2), said(3, 'd2')])).toBe(copy);
    copy = mergeStatements(copy, [said(5)]);
    expect(appliedSeq(copy)).toBe(2);
    expect(hasGap(copy)).toBe(true);
    copy = mergeStatements(copy, [said(4), said(3), said(5)]);
    expect(copy.statements.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(hasGap(copy)).toBe(false);
  });
});
