/**
 * Store methods of a debate session (issue 6), on top of the roster in collab-store.ts: the plan and
 * live state (compare-and-set on a version, so two host commands cannot interleave), audience votes
 * per round, the speaker queue, audience questions and "changed my mind" credits. Both adapters
 * implement every method; the contract is in contract-debate.ts.
 */
import type { DebateState, PhasePlan, TemplateName } from '../../shared/debate/model.js';

export interface DebateSessionRecord {
  debateId: string;
  template: TemplateName;
  plan: PhasePlan[];
  state: DebateState;
  /** Bumped by every saved state: the compare-and-set key. */
  version: number;
  updatedAt: string;
}

export type VoteRound = 'pre' | 'post';

export interface HandRecord {
  debateId: string;
  userId: string;
  name: string;
  raisedAt: string;
}

export interface QuestionRecord {
  id: string;
  debateId: string;
  userId: string;
  name: string;
  text: string;
  upvotes: number;
  state: 'open' | 'current' | 'answered';
  createdAt: string;
  answeredAt: string | null;
}

export interface DebateStore {
  /** Creates the session of a debate; StoreConflictError('version') if it has one already. */
  createDebateSession(session: Omit<DebateSessionRecord, 'version' | 'updatedAt'>): Promise<DebateSessionRecord>;
  getDebateSession(debateId: string): Promise<DebateSessionRecord | null>;
  /**
   * Saves a new state (and plan, when given) only if the stored version is `expectedVersion`;
   * StoreConflictError('version') otherwise. Returns the saved record with version + 1.
   */
  saveDebateSession(
    debateId: string,
    expectedVersion: number,
    patch: { state: DebateState; plan?: PhasePlan[]; template?: TemplateName },
  ): Promise<DebateSessionRecord>;
  /** Sessions whose debates belong to the article. */
  listDebatesOfArticle(articleId: string): Promise<string[]>;
  /**
   * Every session with a phase in progress (status 'live', clock running or paused), read from the
   * store on each call: the debate timers (server/realtime/debate/timers.ts) find the clocks to
   * watch with it, including those another process started.
   */
  listLiveDebateSessions(): Promise<DebateSessionRecord[]>;

  /** One vote per person per round; a second call changes it. */
  castDebateVote(vote: {
    debateId: string;
    round: VoteRound;
    userId: string;
    positionId: string;
    at: string;
  }): Promise<void>;
  getDebateVote(debateId: string, round: VoteRound, userId: string): Promise<string | null>;
  /** Votes per position id in the round, and the total. */
  countDebateVotes(debateId: string, round: VoteRound): Promise<{ counts: Record<string, number>; total: number }>;

  /** Raises a hand once (a second raise keeps the first time). */
  raiseHand(hand: HandRecord): Promise<void>;
  /** True if a hand was lowered. */
  lowerHand(debateId: string, userId: string): Promise<boolean>;
  /** Raised hands, first raised first. */
  listHands(debateId: string): Promise<HandRecord[]>;

  addQuestion(question: Omit<QuestionRecord, 'id' | 'upvotes' | 'state' | 'answeredAt'>): Promise<QuestionRecord>;
  /** One upvote per user per question (StoreConflictError('vote') for a second); returns the new count. */
  upvoteQuestion(questionId: string, userId: string): Promise<number>;
  /** Sets a question's state; 'current' clears any other current question of the debate. */
  setQuestionState(questionId: string, state: QuestionRecord['state'], at: string): Promise<QuestionRecord | null>;
  getQuestion(questionId: string): Promise<QuestionRecord | null>;
  /** Questions of the debate, most upvoted first, then oldest. */
  listQuestions(debateId: string): Promise<QuestionRecord[]>;

  /** A reader credits a comment with changing their mind; once per (user, comment). False if already. */
  creditComment(credit: { debateId: string; userId: string; commentId: string; at: string }): Promise<boolean>;
  /** Credits per comment, most first. */
  listCredits(debateId: string): Promise<Array<{ commentId: string; credits: number }>>;
}
