/**
 * How common ground's live events change the view a client holds, independent of React (issue 16).
 * The analysis is ordered by its `version`: an older one never replaces a newer one, so a late
 * broadcast or a re-watch answered from an older computation does not move the map backwards.
 * Statements and proposals carry no version: each event is the whole list as it stands, latest wins.
 */
import {
  MIN_VOTES_PER_PARTICIPANT,
  nearestGroup,
  projectVotes,
  scopeKey,
  type GroundAnalysis,
  type GroundProposal,
  type GroundStatement,
  type GroundView,
  type GroundVote,
} from '../../../shared/common-ground.js';

/** A decision on one of the viewer's proposals, kept to tell them (ground:decided). */
export interface DecidedNote {
  id: string;
  text: string;
  approved: boolean;
}

export interface LiveGround {
  view: GroundView;
  /** The scope's key, to match events against. */
  key: string;
  /** Decisions on the viewer's proposals since the panel opened, newest first. */
  decided: DecidedNote[];
}

const byCreated = (a: GroundStatement, b: GroundStatement) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;

/**
 * A whole view from ground:watch (the first, or again after a reconnect). The rest is taken as it
 * comes; the analysis only when it is not older than the one held.
 */
export function withWatched(current: LiveGround | null, view: GroundView): LiveGround {
  const key = scopeKey(view.scope);
  if (!current || current.key !== key) return { view, key, decided: [] };
  const analysis = view.analysis.version < current.view.analysis.version ? current.view.analysis : view.analysis;
  return { ...current, view: { ...view, analysis } };
}

/** A recomputed analysis: kept when it is this scope's and newer than the one held. */
export function withAnalysis(current: LiveGround, analysis: GroundAnalysis): LiveGround {
  if (analysis.scopeKey !== current.key || analysis.version <= current.view.analysis.version) return current;
  return { ...current, view: { ...current.view, analysis } };
}

/** The scope's approved statements now. A statement the viewer proposed leaves their waiting list. */
export function withStatements(current: LiveGround, update: { scopeKey: string; statements: GroundStatement[] }) {
  if (update.scopeKey !== current.key) return current;
  const approved = new Set(update.statements.map((s) => s.id));
  return {
    ...current,
    view: {
      ...current.view,
      statements: [...update.statements].sort(byCreated),
      myProposals: current.view.myProposals.filter((p) => !approved.has(p.id)),
    },
  };
}

/** The proposals waiting now (to those who manage the scope). */
export function withProposals(current: LiveGround, update: { scopeKey: string; proposals: GroundProposal[] }) {
  if (update.scopeKey !== current.key) return current;
  return { ...current, view: { ...current.view, proposals: update.proposals } };
}

/** The viewer's vote as the server acknowledged it. */
export function withMyVote(current: LiveGround, statementId: string, vote: GroundVote): LiveGround {
  return { ...current, view: { ...current.view, myVotes: { ...current.view.myVotes, [statementId]: vote } } };
}

/**
 * A statement the viewer added (approved at once, for those who manage) or proposed (it waits).
 * The broadcast that follows carries the same, so adding it twice is avoided by id.
 */
export function withProposed(current: LiveGround, statement: GroundStatement): LiveGround {
  if (scopeKey(statement.scope) !== current.key) return current;
  const { view } = current;
  if (statement.status === 'approved') {
    if (view.statements.some((s) => s.id === statement.id)) return current;
    return { ...current, view: { ...view, statements: [...view.statements, statement].sort(byCreated) } };
  }
  if (statement.status !== 'proposed' || view.myProposals.some((s) => s.id === statement.id)) return current;
  return { ...current, view: { ...view, myProposals: [...view.myProposals, statement] } };
}

/** A manager's decision, as the proposal queue should show it at once (the broadcast follows). */
export function withDecision(current: LiveGround, statement: GroundStatement): LiveGround {
  const { view } = current;
  const proposals = view.proposals.filter((p) => p.id !== statement.id);
  // A withdrawn statement leaves the list to vote on (the broadcast says so to everyone else).
  const statements = view.statements.filter((s) => s.id !== statement.id || statement.status === 'approved');
  const next = { ...current, view: { ...view, proposals, statements } };
  return statement.status === 'approved' ? withProposed(next, statement) : next;
}

/** The outcome of one of the viewer's proposals (ground:decided): off the waiting list, into the notes. */
export function withDecided(current: LiveGround, statement: GroundStatement): LiveGround {
  if (scopeKey(statement.scope) !== current.key) return current;
  const note: DecidedNote = { id: statement.id, text: statement.text, approved: statement.status === 'approved' };
  const decided = [note, ...current.decided.filter((d) => d.id !== statement.id)];
  const view = { ...current.view, myProposals: current.view.myProposals.filter((p) => p.id !== statement.id) };
  return withProposed({ ...current, view, decided }, statement);
}

/** How many of the approved statements the viewer has voted on. */
export function votedCount(view: GroundView): number {
  return view.statements.filter((s) => view.myVotes[s.id] !== undefined).length;
}

/** Votes the viewer needs before they are placed on the map (all statements, when fewer). */
export function votesToBePlaced(view: GroundView): number {
  return Math.min(MIN_VOTES_PER_PARTICIPANT, Math.max(1, view.statements.length));
}

/**
 * The viewer's own point on the map and the group nearest it, from their own votes only; null
 * while there are no groups or they have not voted enough to be placed.
 */
export function myPlace(view: GroundView): { point: [number, number]; group: number } | null {
  const { projection, groups } = view.analysis;
  if (!projection || groups.length === 0) return null;
  const counted = projection.statementIds.filter((id) => view.myVotes[id] !== undefined).length;
  if (counted < votesToBePlaced(view)) return null;
  const point = projectVotes(projection, view.myVotes);
  return { point, group: nearestGroup(groups, point) };
}
