import { describe, expect, it } from 'vitest';
import type { GroundAnalysis, GroundStatement, GroundView } from '../../../shared/common-ground.js';
import {
  myPlace,
  votedCount,
  withAnalysis,
  withDecided,
  withDecision,
  withMyVote,
  withProposals,
  withProposed,
  withStatements,
  withWatched,
  type LiveGround,
} from './ground-view.js';

const SCOPE = { kind: 'article', id: 'a1' } as const;
const KEY = 'article:a1';

const statement = (id: string, extra: Partial<GroundStatement> = {}): GroundStatement => ({
  id,
  scope: SCOPE,
  text: `Statement ${id}`,
  status: 'approved',
  commentId: null,
  createdAt: `2025-06-01T12:00:0${id.slice(-1)}.000Z`,
  ...extra,
});

const analysis = (version: number, extra: Partial<GroundAnalysis> = {}): GroundAnalysis => ({
  scopeKey: KEY,
  version,
  computedAt: '2025-06-01T12:00:00.000Z',
  voters: 0,
  participants: 0,
  groups: [],
  splits: {},
  consensus: [],
  divisive: [],
  points: [],
  projection: null,
  positions: [],
  ...extra,
});

function view(extra: Partial<GroundView> = {}): GroundView {
  return {
    scope: SCOPE,
    statements: [statement('s1'), statement('s2')],
    analysis: analysis(3),
    myVotes: {},
    myProposals: [],
    canManage: false,
    proposals: [],
    ...extra,
  };
}

const live = (extra: Partial<GroundView> = {}): LiveGround => withWatched(null, view(extra));

describe('the common ground view', () => {
  it('keeps the newest analysis, from events and from a re-watch alike', () => {
    const start = live();
    expect(withAnalysis(start, analysis(2)).view.analysis.version).toBe(3);
    expect(withAnalysis(start, analysis(3, { voters: 9 })).view.analysis.voters).toBe(0);
    const newer = withAnalysis(start, analysis(4, { voters: 7 }));
    expect(newer.view.analysis.voters).toBe(7);
    // A re-watch answered from an older computation keeps the newer analysis but takes the rest.
    const rewatched = withWatched(newer, view({ analysis: analysis(3), myVotes: { s1: 'agree' } }));
    expect(rewatched.view.analysis.version).toBe(4);
    expect(rewatched.view.myVotes).toEqual({ s1: 'agree' });
  });

  it('ignores events of other scopes', () => {
    const start = live();
    expect(withAnalysis(start, analysis(9, { scopeKey: 'debate:d1' }))).toBe(start);
    expect(withStatements(start, { scopeKey: 'debate:d1', statements: [] })).toBe(start);
    expect(withProposals(start, { scopeKey: 'debate:d1', proposals: [] })).toBe(start);
    expect(withDecided(start, statement('s9', { scope: { kind: 'debate', id: 'd1' } }))).toBe(start);
  });

  it('takes the statements as sent, oldest first, and drops approved ones from the waiting list', () => {
    const start = live({ myProposals: [statement('s3', { status: 'proposed' })] });
    const next = withStatements(start, { scopeKey: KEY, statements: [statement('s3'), statement('s1')] });
    expect(next.view.statements.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(next.view.myProposals).toEqual([]);
  });

  it('adds the viewer’s own statement once, approved or waiting', () => {
    const added = withProposed(live(), statement('s3'));
    expect(added.view.statements.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect(withProposed(added, statement('s3')).view.statements).toHaveLength(3);
    const waiting = withProposed(live(), statement('s4', { status: 'proposed' }));
    expect(waiting.view.myProposals.map((s) => s.id)).toEqual(['s4']);
    expect(withProposed(waiting, statement('s4', { status: 'proposed' })).view.myProposals).toHaveLength(1);
  });

  it('tells the proposer the outcome and moves the statement where it belongs', () => {
    const start = live({
      myProposals: [statement('s3', { status: 'proposed' }), statement('s4', { status: 'proposed' })],
    });
    const approved = withDecided(start, statement('s3'));
    expect(approved.decided).toEqual([{ id: 's3', text: 'Statement s3', approved: true }]);
    expect(approved.view.myProposals.map((s) => s.id)).toEqual(['s4']);
    expect(approved.view.statements.map((s) => s.id)).toContain('s3');
    const rejected = withDecided(approved, statement('s4', { status: 'rejected' }));
    expect(rejected.decided.map((d) => [d.id, d.approved])).toEqual([
      ['s4', false],
      ['s3', true],
    ]);
    expect(rejected.view.statements.map((s) => s.id)).not.toContain('s4');
  });

  it('takes a manager’s decision off the queue at once', () => {
    const proposal = { ...statement('s5', { status: 'proposed' }), proposedBy: { id: 'u1', name: 'reader' } };
    const start = withProposals(live({ canManage: true }), { scopeKey: KEY, proposals: [proposal] });
    expect(start.view.proposals).toHaveLength(1);
    const next = withDecision(start, statement('s5'));
    expect(next.view.proposals).toEqual([]);
    expect(next.view.statements.map((s) => s.id)).toContain('s5');
    expect(withDecision(start, statement('s5', { status: 'rejected' })).view.statements).toHaveLength(2);
  });

  it('takes a withdrawn statement off the list at once', () => {
    const start = live({ canManage: true });
    const listed = start.view.statements.map((s) => s.id);
    const next = withDecision(start, statement(listed[0]!, { status: 'rejected' }));
    expect(next.view.statements.map((s) => s.id)).toEqual(listed.slice(1));
  });

  it('counts the viewer’s votes on statements still listed', () => {
    let state = withMyVote(live(), 's1', 'agree');
    state = withMyVote(state, 's1', 'pass');
    state = withMyVote(state, 'gone', 'agree');
    expect(state.view.myVotes.s1).toBe('pass');
    expect(votedCount(state.view)).toBe(1);
  });

  it('places the viewer from their own votes once they voted enough, nearest their group', () => {
    const statements = [statement('s1'), statement('s2'), statement('s3')];
    const groups = [
      { label: 'A', size: 10, center: [1, 0] as [number, number] },
      { label: 'B', size: 8, center: [-1, 0] as [number, number] },
    ];
    const projection = {
      statementIds: ['s1', 's2', 's3'],
      mean: [0, 0, 0],
      components: [
        [1, 0, 0],
        [0, 1, 0],
      ] as [number[], number[]],
    };
    const base = live({ statements, analysis: analysis(5, { groups, projection }) });
    expect(myPlace(withMyVote(base, 's1', 'disagree').view)).toBeNull();
    const voted = ['s2', 's3'].reduce((s, id) => withMyVote(s, id, 'pass'), withMyVote(base, 's1', 'disagree'));
    expect(myPlace(voted.view)).toEqual({ point: [-1, 0], group: 1 });
    // No groups yet: nowhere to sit.
    expect(myPlace({ ...voted.view, analysis: analysis(6) })).toBeNull();
  });
});
