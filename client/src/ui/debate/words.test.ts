import { describe, expect, it } from 'vitest';
import { UNDECIDED, type DebateState, type DebateView } from '../../../../shared/debate/model.js';
import {
  STATUS_LABELS,
  TEMPLATE_LABELS,
  formatClock,
  formatLength,
  formatSwing,
  isFinished,
  phaseTitle,
  positionName,
  voteChoices,
  points,
  upvotes,
  votes,
} from './words.js';

const POSITIONS = [
  { id: 'p1', name: 'Pakistan' },
  { id: 'p2', name: 'Afghanistan' },
];

function view(state: Partial<DebateState>): DebateView {
  return {
    id: 'd1',
    articleId: 'a1',
    motion: 'Motion',
    host: { id: 'h', name: 'Host' },
    positions: [],
    template: 'oxford',
    plan: [
      { kind: 'opening', title: 'Opening statement: Pakistan', positionId: 'p1', durationSeconds: 420 },
      { kind: 'opening', title: 'Opening statement: Afghanistan', positionId: 'p2', durationSeconds: 420 },
    ],
    state: {
      status: 'scheduled',
      phaseIndex: null,
      clock: { running: false, endsAt: null, remainingMs: 0 },
      floor: null,
      resultsRevealed: false,
      log: [],
      ...state,
    },
    version: 1,
    serverNow: '2025-01-01T00:00:00.000Z',
    hands: [],
    questions: [],
    myVotes: { pre: null, post: null },
    role: { kind: 'audience' },
    tally: null,
    results: null,
  };
}

describe('position words', () => {
  it('names positions, undecided, and an id it does not know', () => {
    expect(positionName(POSITIONS, 'p2')).toBe('Afghanistan');
    expect(positionName(POSITIONS, UNDECIDED)).toBe('Undecided');
    expect(positionName(POSITIONS, 'gone')).toBe('Unknown position');
  });

  it('offers every position, then undecided, as vote choices', () => {
    expect(voteChoices([{ id: 'p1', name: 'For', extra: true } as { id: string; name: string }])).toEqual([
      { id: 'p1', name: 'For' },
      { id: UNDECIDED, name: 'Undecided' },
    ]);
    expect(voteChoices([])).toEqual([{ id: UNDECIDED, name: 'Undecided' }]);
  });

  it('has a label for every status and template', () => {
    expect(Object.values(STATUS_LABELS).every((label) => label.length > 0)).toBe(true);
    expect(TEMPLATE_LABELS['lincoln-douglas']).toBe('Lincoln-Douglas');
  });
});

describe('phaseTitle', () => {
  it('names the phase under way while live', () => {
    expect(phaseTitle(view({ status: 'live', phaseIndex: 1 }))).toBe('Opening statement: Afghanistan');
    expect(phaseTitle(view({ status: 'live', phaseIndex: 9 }))).toBe('Live');
  });

  it('names the stage of the session otherwise', () => {
    expect(phaseTitle(view({ status: 'scheduled' }))).toBe('Not started');
    expect(phaseTitle(view({ status: 'live', phaseIndex: null }))).toBe('Live');
    expect(phaseTitle(view({ status: 'pre-vote' }))).toBe('Pre-vote: the audience votes on the motion');
    expect(phaseTitle(view({ status: 'post-vote' }))).toBe('Post-vote: the audience votes again');
    expect(phaseTitle(view({ status: 'results' }))).toBe('Voting is closed: the results are to come');
    expect(phaseTitle(view({ status: 'results', resultsRevealed: true }))).toBe(
      'Voting is closed: the results are out',
    );
    expect(phaseTitle(view({ status: 'closed' }))).toBe('The debate is over');
  });
});

describe('numbers in words', () => {
  it.each([
    [420_000, '7:00'],
    [5_000, '0:05'],
    [4_001, '0:05'],
    [1, '0:01'],
    [0, '0:00'],
    [-3_000, '0:00'],
    [3_723_000, '1:02:03'],
    [3_600_000, '1:00:00'],
  ])('shows %i ms left as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });

  it.each([
    [420, '7 min'],
    [60, '1 min'],
    [90, '1 min 30 s'],
    [45, '45 s'],
  ])('shows a %i s phase as %s', (seconds, text) => {
    expect(formatLength(seconds)).toBe(text);
  });

  it('counts votes, points and upvotes, singular for one', () => {
    expect(votes(0)).toBe('0 votes');
    expect(votes(1)).toBe('1 vote');
    expect(votes(12)).toBe('12 votes');
    expect(points(1)).toBe('1 point');
    expect(points(-1)).toBe('-1 point');
    expect(points(2)).toBe('2 points');
    expect(upvotes(1)).toBe('1 upvote');
    expect(upvotes(0)).toBe('0 upvotes');
  });

  it('signs a swing, with a true minus sign', () => {
    expect(formatSwing(2.5)).toBe('+2.5');
    expect(formatSwing(-17)).toBe('\u221217');
    expect(formatSwing(0)).toBe('0');
  });

  it('calls a debate finished once closed or its results are out', () => {
    expect(isFinished(view({ status: 'closed' }))).toBe(true);
    expect(isFinished(view({ status: 'results', resultsRevealed: true }))).toBe(true);
    expect(isFinished(view({ status: 'results' }))).toBe(false);
    expect(isFinished(view({ status: 'live', phaseIndex: 0 }))).toBe(false);
  });
});
