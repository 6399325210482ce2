import { describe, expect, it } from 'vitest';
import { currentDebate, debatesOfPage, type DebateStanding } from './current.js';
import type { DebateStatus } from './model.js';

const debate = (id: string, status: DebateStatus, day: number): DebateStanding => ({
  id,
  status,
  createdAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
});

describe('currentDebate', () => {
  it('is null for an article without debates, or with only closed ones', () => {
    expect(currentDebate([])).toBeNull();
    expect(currentDebate([debate('a', 'closed', 1), debate('b', 'closed', 2)])).toBeNull();
  });

  it('follows the debate under way rather than an older closed one', () => {
    const live = debate('b', 'live', 2);
    expect(currentDebate([debate('a', 'closed', 1), live])).toBe(live);
  });

  it('takes the debate under way over one scheduled, even an older one', () => {
    const preVote = debate('b', 'pre-vote', 3);
    expect(currentDebate([debate('a', 'scheduled', 1), preVote])).toBe(preVote);
  });

  it('keeps a debate showing its results current until the host closes it', () => {
    const results = debate('a', 'results', 1);
    expect(currentDebate([results, debate('b', 'scheduled', 2)])).toBe(results);
  });

  it('prefers a running phase over voting, and voting over results; the newest on a tie', () => {
    expect(currentDebate([debate('a', 'results', 1), debate('b', 'post-vote', 2)])?.id).toBe('b');
    expect(currentDebate([debate('a', 'pre-vote', 1), debate('b', 'live', 2)])?.id).toBe('b');
    expect(currentDebate([debate('a', 'live', 1), debate('b', 'live', 2)])?.id).toBe('b');
    expect(currentDebate([debate('b', 'live', 2), debate('a', 'live', 1)])?.id).toBe('b');
  });

  it('else takes the next scheduled one: the oldest not yet started', () => {
    expect(
      currentDebate([debate('c', 'scheduled', 3), debate('a', 'closed', 1), debate('b', 'scheduled', 2)])?.id,
    ).toBe('b');
  });
});

describe('debatesOfPage', () => {
  it('splits the debates into the current one, past ones newest first, and later ones in order', () => {
    const page = debatesOfPage([
      debate('old', 'closed', 1),
      debate('newer', 'closed', 2),
      debate('now', 'live', 3),
      debate('after', 'scheduled', 5),
      debate('next', 'scheduled', 4),
    ]);
    expect(page.current?.id).toBe('now');
    expect(page.past.map((d) => d.id)).toEqual(['newer', 'old']);
    expect(page.later.map((d) => d.id)).toEqual(['next', 'after']);
  });

  it('counts a started debate that is not the current one as past', () => {
    const page = debatesOfPage([debate('a', 'results', 1), debate('b', 'live', 2)]);
    expect(page.current?.id).toBe('b');
    expect(page.past.map((d) => d.id)).toEqual(['a']);
    expect(page.later).toEqual([]);
  });
});
