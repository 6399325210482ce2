/**
 * Every write the server acknowledged during the soak, as the store must hold it at the end. Only
 * acknowledged writes are recorded: a request that timed out is an error of its own (tally.ts), and
 * its effect is unknown. Each actor sends its writes one at a time, so "the last acknowledged" of
 * one actor is well defined (an author's last edit, a voter's last vote on a comment).
 */
import type { VoteValue } from '../../shared/types.js';

export interface ExpectedComment {
  authorId: string;
  parentId: string | null;
  /** The body of the last acknowledged create or edit. */
  body: string;
  deleted: boolean;
}

export interface ExpectedQuestion {
  debateId: string;
  userId: string;
  text: string;
  upvoters: Set<string>;
}

/** Recently created comments, for actors to pick targets from without scanning a whole thread. */
const RECENT = 300;

export class Ledger {
  readonly comments = new Map<string, ExpectedComment>();
  /** `${commentId} ${userId}` -> the last acknowledged value (0: taken back). */
  readonly votes = new Map<string, VoteValue>();
  /** `${commentId} ${userId}` of acknowledged reports. */
  readonly reports = new Set<string>();
  /** Comments a moderator's acknowledged action removed (nothing in the soak restores). */
  readonly removed = new Set<string>();
  /** `${debateId} ${round} ${userId}` -> position voted for last. */
  readonly debateVotes = new Map<string, string>();
  readonly questions = new Map<string, ExpectedQuestion>();
  /** Per debate, the state of the host's last acknowledged command. */
  readonly debateStates = new Map<string, { status: string; phaseIndex: number | null; version: number }>();
  readonly recent: string[] = [];

  created(id: string, c: Omit<ExpectedComment, 'deleted'>): void {
    this.comments.set(id, { ...c, deleted: false });
    this.recent.push(id);
    if (this.recent.length > RECENT) this.recent.shift();
  }

  edited(id: string, body: string): void {
    const c = this.comments.get(id);
    if (c) c.body = body;
  }

  deleted(id: string): void {
    const c = this.comments.get(id);
    if (c) c.deleted = true;
  }

  voted(commentId: string, userId: string, value: VoteValue): void {
    this.votes.set(`${commentId} ${userId}`, value);
  }

  reported(commentId: string, userId: string): void {
    this.reports.add(`${commentId} ${userId}`);
  }

  hasReported(commentId: string, userId: string): boolean {
    return this.reports.has(`${commentId} ${userId}`);
  }
}
