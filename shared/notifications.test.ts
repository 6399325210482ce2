import { describe, expect, it } from 'vitest';
import { mentionCandidates } from './notifications.js';

describe('mentionCandidates', () => {
  it('offers the longest name first, up to three words, without sentence punctuation', () => {
    expect(mentionCandidates('Thanks @Ada Lovelace, great.')).toEqual([['Ada Lovelace', 'Ada']]);
    expect(mentionCandidates('@bob_n. And @Émile-Zola!')).toEqual([['bob_n'], ['Émile-Zola']]);
    expect(mentionCandidates('cc @a b c d')).toEqual([['a b c', 'a b']]);
  });

  it('ignores e-mail addresses, lone @ and one-letter names, and stops at the limit', () => {
    expect(mentionCandidates('write to me@example.org or @ or @x')).toEqual([]);
    expect(mentionCandidates('@aa @bb @cc', 2)).toEqual([['aa'], ['bb']]);
  });
});
