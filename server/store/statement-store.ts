/**
 * Store methods of a debate's statement stream (issue 13): paragraphs appended with the debate's
 * next `seq` (1, 2, 3 ... no gaps, no duplicates, also when two processes append at once), read
 * back in seq order as the transcript. Both adapters implement every method; the contract is in
 * contract-statements.ts.
 */
import type { StatementView } from '../../shared/debate/statements.js';

/** A stored paragraph: what everyone sees of it (the stream keeps nothing else). */
export type StatementRecord = StatementView;

export interface StatementStore {
  /** Appends a paragraph with the debate's next seq, in one atomic unit; returns it as stored. */
  appendStatement(statement: Omit<StatementRecord, 'seq'>): Promise<StatementRecord>;
  /** The debate's paragraphs with seq > sinceSeq, oldest first, at most `limit` (none below 1). */
  listStatements(debateId: string, sinceSeq: number, limit: number): Promise<StatementRecord[]>;
  /** The debate's newest seq (0 before the first paragraph). */
  lastStatementSeq(debateId: string): Promise<number>;
}
