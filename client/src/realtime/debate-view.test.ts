import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DebateResults, DebateState, DebateView } from '../../../shared/debate/model.js';
import { offsetFrom, withMyVote, withPart, withState, withView, type StateUpdate } from './debate-view.js';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

const state = (status: DebateState['status'], extra: Partial<DebateState> = {}): DebateState => ({
  status,
  phaseIndex: null,
  clock: { running: false, endsAt: null, remainingMs: 0 },
  floor: null,
  resultsRevealed: false,
  log: [],
  ...extra,
});

const RESULTS: DebateResults = { positions: [], preTotal: 10, postTotal: 12, winner: 'p1' };

function view(extra: Partial<DebateView> = {}): DebateView {
  return {
    id: 'd1',
    articleId: 'a1',
    motion: 'This house would',
    host: { id: 'h', name: 'Host' },
    positions: [],
    template: 'free-form',
    plan: [],
    state: state('scheduled'),
    version: 3,
    serverNow: at(0),
    hands: [],
    questions: [],
    myVotes: { pre: null, post: null },
    role: { kind: 'audience' },
    tally: null,
    results: null,
    ...extra,
  };
}

function update(extra: Partial<StateUpdate> = {}): StateUpdate {
  return { debateId: 'd1', version: 4, state: state('live'), plan: [], serverNow: at(0), results: null, ...extra };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('offsetFrom', () => {
  it("is the server's clock minus this one", () => {
    expect(offsetFrom(at(2_500))).toBe(2_500);
    expect(offsetFrom(at(-800))).toBe(-800);
  });

  it('is zero for a time it cannot read', () => {
    expect(offsetFrom('not a time')).toBe(0);
  });
});

describe('withView', () => {
  it('takes a first view with the offset of its server time', () => {
    const v = view({ serverNow: at(1_000) });
    expect(withView(null, v)).toEqual({ view: v, offsetMs: 1_000 });
  });

  it('replaces a view with a newer or equal one, and a view of another debate', () => {
    const current = { view: view({ version: 3 }), offsetMs: 0 };
    expect(withView(current, view({ version: 3, motion: 'changed' })).view.motion).toBe('changed');
    expect(withView(current, view({ version: 5 })).view.version).toBe(5);
    expect(withView(current, view({ id: 'd2', version: 1 })).view.id).toBe('d2');
  });

  it('keeps the newer state, version and results when an older view arrives late', () => {
    const current = { view: view({ version: 7, state: state('results'), results: RESULTS }), offsetMs: 42 };
    const late = view({ version: 5, state: state('live'), hands: [{ userId: 'u', name: 'U', raisedAt: at(0) }] });
    const next = withView(current, late);
    expect(next.view.version).toBe(7);
    expect(next.view.state.status).toBe('results');
    expect(next.view.results).toBe(RESULTS);
    expect(next.view.hands).toHaveLength(1);
    expect(next.offsetMs).toBe(42);
  });
});

describe('withState', () => {
  it('takes a newer state with its plan and server time', () => {
    const plan = [{ kind: 'free' as const, title: 'Open debate', positionId: null, durationSeconds: 60 }];
    const next = withState({ view: view(), offsetMs: 0 }, update({ plan, serverNow: at(300) }));
    expect(next.view).toMatchObject({ version: 4, plan, serverNow: at(300), state: { status: 'live' } });
    expect(next.offsetMs).toBe(300);
  });

  it('drops an older state and a state of another debate', () => {
    const current = { view: view({ version: 6 }), offsetMs: 0 };
    expect(withState(current, update({ version: 5 }))).toBe(current);
    expect(withState(current, update({ debateId: 'd2', version: 9 }))).toBe(current);
  });

  it('takes the results once revealed', () => {
    const next = withState({ view: view(), offsetMs: 0 }, update({ state: state('results'), results: RESULTS }));
    expect(next.view.results).toBe(RESULTS);
  });

  it("keeps a host's preview of the results while the debate stays at its results", () => {
    const host = { view: view({ role: { kind: 'host' }, results: RESULTS }), offsetMs: 0 };
    expect(withState(host, update({ state: state('results') })).view.results).toBe(RESULTS);
    expect(withState(host, update({ state: state('closed') })).view.results).toBe(RESULTS);
    expect(withState(host, update({ state: state('post-vote') })).view.results).toBeNull();
  });

  it('clears results for the audience until they are revealed', () => {
    const audience = { view: view({ results: RESULTS }), offsetMs: 0 };
    expect(withState(audience, update({ state: state('results') })).view.results).toBeNull();
  });
});

describe('withMyVote and withPart', () => {
  it("records the viewer's vote of one round, keeping the other", () => {
    const current = { view: view({ myVotes: { pre: 'p1', post: null } }), offsetMs: 5 };
    const next = withMyVote(current, 'post', 'p2');
    expect(next.view.myVotes).toEqual({ pre: 'p1', post: 'p2' });
    expect(next.offsetMs).toBe(5);
    expect(current.view.myVotes.post).toBeNull();
  });

  it('replaces hands, questions or the tally wholesale', () => {
    const current = { view: view(), offsetMs: 0 };
    const hands = [{ userId: 'u', name: 'U', raisedAt: at(0) }];
    expect(withPart(current, 'hands', hands).view.hands).toBe(hands);
    const tally = { pre: { counts: { p1: 1 }, total: 1 }, post: { counts: {}, total: 0 } };
    expect(withPart(current, 'tally', tally).view.tally).toBe(tally);
    expect(withPart(current, 'questions', []).view.questions).toEqual([]);
  });
});
