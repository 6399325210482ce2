/**
 * Common ground (issue 16): short statements readers vote agree / disagree / pass on, the opinion
 * groups the server finds in those votes, and what every group agrees on. The types both sides
 * speak, the request schemas, and the one rule both sides need to place a voter on the map
 * (`projectVotes`): the server places everyone with it, the client places only its own viewer,
 * from the viewer's own votes, so nobody's votes travel to anyone else.
 */
import { z } from 'zod';
import { lineText } from './text-policy.js';

export const GROUND_VOTES = ['agree', 'disagree', 'pass'] as const;
export type GroundVote = (typeof GROUND_VOTES)[number];

/** A vote as a number in the vote matrix: agree +1, disagree −1, pass 0 (Pol.is's encoding, sign flipped). */
export const VOTE_VALUE: Record<GroundVote, number> = { agree: 1, disagree: -1, pass: 0 };

/** Where statements belong: an article's discussion, or one debate on it. */
export const GROUND_SCOPE_KINDS = ['article', 'debate'] as const;
export interface GroundScope {
  kind: (typeof GROUND_SCOPE_KINDS)[number];
  id: string;
}
/** One string per scope: room names, map keys, bus messages. */
export const scopeKey = (scope: GroundScope): string => `${scope.kind}:${scope.id}`;

export const STATEMENT_LIMITS = {
  textMin: 5,
  textMax: 280,
  /** Approved statements per scope: the matrix is participants × statements, and readers vote on each. */
  perScope: 200,
  /** Proposals one reader may have waiting per scope. */
  waitingPerReader: 5,
} as const;

/** Below this many participants there are no groups (a map of three points would expose them). */
export const MIN_PARTICIPANTS = 5;
/** A participant counts in the groups after voting on this many statements (or all, when fewer). */
export const MIN_VOTES_PER_PARTICIPANT = 3;
/** Groups are chosen between these counts by silhouette. */
export const GROUP_COUNTS = { min: 2, max: 5 } as const;
/** At most this many anonymous points are sent for the map (an even sample of everyone). */
export const MAX_MAP_POINTS = 1500;

export type GroundStatementStatus = 'proposed' | 'approved' | 'rejected';

/** A statement as everyone may see it (no proposer, no individual votes). */
export interface GroundStatement {
  id: string;
  scope: GroundScope;
  text: string;
  status: GroundStatementStatus;
  /** The comment it was marked from, when a moderator or host made a comment a statement. */
  commentId: string | null;
  createdAt: string;
}

/** A proposal as moderators (and a debate's host) see it to approve or reject. */
export interface GroundProposal extends GroundStatement {
  proposedBy: { id: string; name: string } | null;
}

/** How votes on one statement split: counts, never who. */
export interface VoteSplit {
  agree: number;
  disagree: number;
  pass: number;
}

/** A statement's standing in the groups: the split in each group (in `groups` order) and the score that ranked it. */
export interface StatementStanding {
  statementId: string;
  groups: VoteSplit[];
  /**
   * Consensus: the smallest per-group lower bound of agreement (Wilson, 95 %), 0..1.
   * Divisive: the largest gap in agreement between two groups, 0..1.
   */
  score: number;
}

export interface OpinionGroup {
  /** "A", "B" ...: groups are ordered by size, largest first. */
  label: string;
  size: number;
  /** The centre of the group on the map. */
  center: [number, number];
}

/**
 * How a vote vector becomes a point on the map: subtract `mean`, then take the dot product with
 * each of the two `components` (statement order: `statementIds`). A statement the voter has not
 * voted on contributes nothing (it takes the mean).
 */
export interface MapProjection {
  statementIds: string[];
  mean: number[];
  components: [number[], number[]];
}

/** How one debate position's supporters (their latest audience vote) spread over the groups. */
export interface PositionSpread {
  positionId: string;
  name: string;
  /** Supporters in each group, in `groups` order. */
  groups: number[];
  /** Supporters who have not voted on enough statements to be placed. */
  unplaced: number;
}

/** The opinion groups of a scope as of `version`: the same for every viewer. */
export interface GroundAnalysis {
  scopeKey: string;
  /** Grows with every recomputation; a client keeps the highest it has seen. */
  version: number;
  computedAt: string;
  /** Everyone who voted on any statement. */
  voters: number;
  /** Voters placed in groups (MIN_VOTES_PER_PARTICIPANT). */
  participants: number;
  /** Empty below MIN_PARTICIPANTS. */
  groups: OpinionGroup[];
  /** The votes on every approved statement, all groups together. */
  splits: Record<string, VoteSplit>;
  /** Statements every group agrees with, strongest first. */
  consensus: StatementStanding[];
  /** Statements the groups disagree on most, most divided first. */
  divisive: StatementStanding[];
  /** Anonymous points [x, y, group index], at most MAX_MAP_POINTS. */
  points: Array<[number, number, number]>;
  /** Null while there are no groups. */
  projection: MapProjection | null;
  /** Debates only: each position's supporters over the groups. */
  positions: PositionSpread[];
}

/** What `ground:watch` answers: the scope's statements, the analysis, and this viewer's own part. */
export interface GroundView {
  scope: GroundScope;
  /** Approved statements, oldest first. */
  statements: GroundStatement[];
  analysis: GroundAnalysis;
  /** The viewer's own votes (empty for guests). */
  myVotes: Record<string, GroundVote>;
  /** The viewer's own proposals waiting for a decision. */
  myProposals: GroundStatement[];
  /** Moderators, admins and (for a debate) its host: they add and approve statements. */
  canManage: boolean;
  /** Proposals waiting, for those who manage (empty for everyone else). */
  proposals: GroundProposal[];
}

/** The point of a vote vector on the map (the viewer's own, or anyone's on the server). */
export function projectVotes(projection: MapProjection, votes: Record<string, GroundVote>): [number, number] {
  let x = 0;
  let y = 0;
  projection.statementIds.forEach((statementId, i) => {
    const vote = votes[statementId];
    if (vote === undefined) return;
    const centred = VOTE_VALUE[vote] - (projection.mean[i] ?? 0);
    x += centred * (projection.components[0][i] ?? 0);
    y += centred * (projection.components[1][i] ?? 0);
  });
  return [x, y];
}

/** The group whose centre is nearest to a point (index into `groups`), or -1 without groups. */
export function nearestGroup(groups: OpinionGroup[], [x, y]: [number, number]): number {
  let best = -1;
  let bestDistance = Infinity;
  groups.forEach((g, i) => {
    const d = (g.center[0] - x) ** 2 + (g.center[1] - y) ** 2;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

/** Letters of groups by index. */
export const groupLabel = (index: number): string => String.fromCharCode(65 + index);

// Socket payloads (shared/events.ts).
const id = z.string().min(1).max(100);
export const groundScope = z.strictObject({ kind: z.enum(GROUND_SCOPE_KINDS), id });
export const groundScopeRequest = z.strictObject({ scope: groundScope });
export const groundVoteRequest = z.strictObject({ statementId: id, vote: z.enum(GROUND_VOTES) });
/**
 * A new statement: written (`text`) or marked from a comment (`commentId`, its text taken as
 * written, and at most STATEMENT_LIMITS.textMax long). Readers' statements wait as proposals.
 */
export const groundProposeRequest = z
  .strictObject({
    scope: groundScope,
    text: lineText(STATEMENT_LIMITS.textMin, STATEMENT_LIMITS.textMax).optional(),
    commentId: id.optional(),
  })
  .refine((r) => (r.text === undefined) !== (r.commentId === undefined), {
    message: 'Send either text or commentId.',
  });
/** Approve or reject a proposal; withdraw an approved statement (its votes then count no more). */
export const GROUND_DECISIONS = ['approve', 'reject', 'withdraw'] as const;
export type GroundDecision = (typeof GROUND_DECISIONS)[number];
export const groundDecideRequest = z.strictObject({ statementId: id, decision: z.enum(GROUND_DECISIONS) });
