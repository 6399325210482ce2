/**
 * Collections of a debate session (issue 6), beside the roster in `debates` (collab-models.ts):
 * `debate_sessions` (one per debate, `_id` = the debate id: plan, live state, compare-and-set
 * version), `debate_votes` (one per debate, round and user), `debate_hands` (one per debate and
 * user), `debate_questions`, `debate_question_votes` (one per question and user) and
 * `debate_credits` (one per debate, user and comment). The unique indexes carry the "once" rules.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { TEMPLATE_NAMES, type DebateState, type PhasePlan, type TemplateName } from '../../../shared/debate/model.js';
import type { DebateSessionRecord, HandRecord, QuestionRecord, VoteRound } from '../debate-store.js';
import type { MongoDoc } from './doc.js';

export const VOTE_ROUNDS: readonly VoteRound[] = ['pre', 'post'];
export const QUESTION_STATES: readonly QuestionRecord['state'][] = ['open', 'current', 'answered'];

/**
 * A session as stored. `plan` and `state` are Mixed: stored as given (a JSON copy), never cast.
 * Mixed changes are only seen by mongoose when the whole value is `$set`, which is how they are
 * written (saveDebateSession); `minimize: false` keeps any empty object inside them on create.
 */
export interface DebateSessionDoc {
  _id: string;
  template: TemplateName;
  plan: PhasePlan[];
  state: DebateState;
  version: number;
  updatedAt: string;
}

export interface DebateVoteDoc {
  _id: string;
  debateId: string;
  round: VoteRound;
  userId: string;
  positionId: string;
  at: string;
}

export type DebateHandDoc = HandRecord & { _id: string };

export type DebateQuestionDoc = MongoDoc<QuestionRecord>;

export interface DebateQuestionVoteDoc {
  _id: string;
  questionId: string;
  userId: string;
}

export interface DebateCreditDoc {
  _id: string;
  debateId: string;
  userId: string;
  commentId: string;
  at: string;
}

const options = { versionKey: false, strictQuery: true, minimize: false } as const;

const sessionSchema = new Schema<DebateSessionDoc>(
  {
    _id: { type: String, required: true },
    template: { type: String, enum: TEMPLATE_NAMES, required: true },
    plan: { type: Schema.Types.Mixed, required: true },
    state: { type: Schema.Types.Mixed, required: true },
    version: { type: Number, default: 0 },
    updatedAt: { type: String, default: '' },
  },
  { ...options, collection: 'debate_sessions' },
);

const voteSchema = new Schema<DebateVoteDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    debateId: { type: String, required: true },
    round: { type: String, enum: VOTE_ROUNDS, required: true },
    userId: { type: String, required: true },
    positionId: { type: String, required: true },
    at: { type: String, default: '' },
  },
  { ...options, collection: 'debate_votes' },
);
// One vote per person per round; also the index countDebateVotes' $match runs on.
voteSchema.index({ debateId: 1, round: 1, userId: 1 }, { unique: true, name: 'debate_votes_once' });

const handSchema = new Schema<DebateHandDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    debateId: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, default: '' },
    raisedAt: { type: String, default: '' },
  },
  { ...options, collection: 'debate_hands' },
);
handSchema.index({ debateId: 1, userId: 1 }, { unique: true, name: 'debate_hands_once' });

const questionSchema = new Schema<DebateQuestionDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    debateId: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, default: '' },
    text: { type: String, default: '' },
    upvotes: { type: Number, default: 0 },
    state: { type: String, enum: QUESTION_STATES, required: true },
    createdAt: { type: String, default: '' },
    answeredAt: { type: String, default: null },
  },
  { ...options, collection: 'debate_questions' },
);
// listQuestions: most upvoted first, then oldest.
questionSchema.index({ debateId: 1, upvotes: -1, createdAt: 1 }, { name: 'debate_questions_rank' });

const questionVoteSchema = new Schema<DebateQuestionVoteDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    questionId: { type: String, required: true },
    userId: { type: String, required: true },
  },
  { ...options, collection: 'debate_question_votes' },
);
questionVoteSchema.index({ questionId: 1, userId: 1 }, { unique: true, name: 'debate_question_votes_once' });

const creditSchema = new Schema<DebateCreditDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    debateId: { type: String, required: true },
    userId: { type: String, required: true },
    commentId: { type: String, required: true },
    at: { type: String, default: '' },
  },
  { ...options, collection: 'debate_credits' },
);
// Once per (debate, user, comment); its debateId prefix also serves listCredits' $match.
creditSchema.index({ debateId: 1, userId: 1, commentId: 1 }, { unique: true, name: 'debate_credits_once' });

export interface DebateModels {
  sessions: Model<DebateSessionDoc>;
  votes: Model<DebateVoteDoc>;
  hands: Model<DebateHandDoc>;
  questions: Model<DebateQuestionDoc>;
  questionVotes: Model<DebateQuestionVoteDoc>;
  credits: Model<DebateCreditDoc>;
}

/** Registers the models on `conn` and waits until their collections and indexes exist. */
export async function debateModels(conn: Connection): Promise<DebateModels> {
  const models: DebateModels = {
    sessions: conn.model<DebateSessionDoc>('DebateSession', sessionSchema),
    votes: conn.model<DebateVoteDoc>('DebateVote', voteSchema),
    hands: conn.model<DebateHandDoc>('DebateHand', handSchema),
    questions: conn.model<DebateQuestionDoc>('DebateQuestion', questionSchema),
    questionVotes: conn.model<DebateQuestionVoteDoc>('DebateQuestionVote', questionVoteSchema),
    credits: conn.model<DebateCreditDoc>('DebateCredit', creditSchema),
  };
  await Promise.all([
    models.sessions.init(),
    models.votes.init(),
    models.hands.init(),
    models.questions.init(),
    models.questionVotes.init(),
    models.credits.init(),
  ]);
  return models;
}

export const toSession = (d: DebateSessionDoc): DebateSessionRecord => ({
  debateId: d._id,
  template: d.template,
  plan: d.plan ?? [],
  state: d.state,
  version: d.version ?? 0,
  updatedAt: d.updatedAt,
});

export const toQuestion = (d: DebateQuestionDoc): QuestionRecord => ({
  id: d._id,
  debateId: d.debateId,
  userId: d.userId,
  name: d.name,
  text: d.text,
  upvotes: d.upvotes ?? 0,
  state: d.state,
  createdAt: d.createdAt,
  answeredAt: d.answeredAt ?? null,
});

export const toHand = (d: DebateHandDoc): HandRecord => ({
  debateId: d.debateId,
  userId: d.userId,
  name: d.name,
  raisedAt: d.raisedAt,
});
