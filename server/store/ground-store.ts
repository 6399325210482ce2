/**
 * Store methods of common ground (issue 16): statements of a scope (an article or a debate), one
 * vote per reader per statement, and the debate audience's latest stance per person (to spread each
 * position's supporters over the opinion groups). Both adapters implement every method
 * (sqlite/ground.ts, mongo/ground.ts); the contract is in contract-ground.ts.
 *
 * The store keeps no policy: who may propose, approve or vote, whether a statement is approved
 * before it takes votes, and the limits of shared/common-ground.ts are the domain's to check.
 */
import type { GroundScope, GroundStatementStatus, GroundVote } from '../../shared/common-ground.js';

export interface GroundStatementRecord {
  id: string;
  scope: GroundScope;
  text: string;
  status: GroundStatementStatus;
  commentId: string | null;
  /** Who wrote or marked it (null: removed account). */
  proposedBy: string | null;
  /** Who approved or rejected it, and when (null while proposed, or added approved). */
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface GroundVoteRecord {
  statementId: string;
  userId: string;
  vote: GroundVote;
}

export interface GroundStore {
  /** Stores a new statement under a fresh id and returns it as stored. */
  addGroundStatement(statement: Omit<GroundStatementRecord, 'id'>): Promise<GroundStatementRecord>;
  getGroundStatement(id: string): Promise<GroundStatementRecord | null>;
  /** The scope's statements with one of `statuses`, oldest first (ties: id); none for no statuses. */
  listGroundStatements(scope: GroundScope, statuses: GroundStatementStatus[]): Promise<GroundStatementRecord[]>;
  /** How many statements `userId` has waiting (status 'proposed') in the scope. */
  countWaitingProposals(scope: GroundScope, userId: string): Promise<number>;
  /**
   * Sets the status of a proposed statement; null when it is not (or no longer) proposed. Atomic:
   * of two decisions racing on one proposal, exactly one gets the record and the other null.
   */
  decideGroundStatement(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      decidedAt: string;
      /** The status it must have now: 'proposed' (a decision, the default) or 'approved' (withdrawn). */
      from?: 'proposed' | 'approved';
    },
  ): Promise<GroundStatementRecord | null>;
  /**
   * One vote per (statement, user): a second call replaces the first (the last call to commit
   * wins). Any status is accepted. StoreNotFoundError('statement') when the statement does not exist.
   */
  castGroundVote(vote: GroundVoteRecord & { at: string }): Promise<void>;
  /** The user's votes on the scope's statements (any status), by statement id. */
  listMyGroundVotes(scope: GroundScope, userId: string): Promise<GroundVoteRecord[]>;
  /**
   * Votes on the scope's statements (any status) in pages, in a stable order (statement id, then
   * user id, as the databases compare strings: by UTF-8 bytes), for loading the vote matrix without
   * one long read: pass the returned `next` back as `after` until it is null. Each vote present for
   * the whole walk comes exactly once; one cast meanwhile may be seen or not. `limit` is at least 1;
   * a malformed `after` starts from the beginning.
   */
  pageGroundVotes(
    scope: GroundScope,
    after: string | null,
    limit: number,
  ): Promise<{ votes: GroundVoteRecord[]; next: string | null }>;
  /**
   * Each audience member's latest stance in a debate: their post-vote, else their pre-vote
   * (castDebateVote's rounds), by user id.
   */
  listDebateStances(debateId: string): Promise<Array<{ userId: string; positionId: string }>>;
}

/** The `next` of pageGroundVotes: the (statement id, user id) of the last vote of the page, opaque to callers. */
export function encodeGroundVoteCursor(statementId: string, userId: string): string {
  return Buffer.from(JSON.stringify([statementId, userId]), 'utf8').toString('base64url');
}

/** Reads a pageGroundVotes cursor; null for a missing or malformed one. */
export function decodeGroundVoteCursor(
  cursor: string | null | undefined,
): { statementId: string; userId: string } | null {
  if (typeof cursor !== 'string' || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [statementId, userId] = parsed as unknown[];
    if (typeof statementId !== 'string' || typeof userId !== 'string') return null;
    return { statementId, userId };
  } catch {
    return null;
  }
}

/** A page size for pageGroundVotes: a whole number, at least 1 (0 would end the walk at once). */
export function groundVotePageSize(limit: number): number {
  const n = Math.floor(Number(limit));
  return Number.isFinite(n) && n >= 1 ? n : 1;
}

/**
 * A page of votes from `rows`, read one longer than `size`: the extra row only tells that another
 * page follows, and `next` points after the page's last vote.
 */
export function groundVotePage<Row>(
  rows: Row[],
  size: number,
  toVote: (row: Row) => GroundVoteRecord,
): { votes: GroundVoteRecord[]; next: string | null } {
  const votes = rows.slice(0, size).map(toVote);
  const last = votes[votes.length - 1];
  return { votes, next: rows.length > size && last ? encodeGroundVoteCursor(last.statementId, last.userId) : null };
}
