/**
 * Debate sessions in MongoDB; same behaviour as the SQLite adapter (server/store/sqlite/debates.ts).
 * The session's state is saved with compare-and-set on `version` (one findOneAndUpdate matching the
 * expected version). "Once" rules (a vote per round, a hand, a question upvote, a credit) are
 * unique indexes (debate-models.ts). An upvote and a question's state change are transactions:
 * `connection.transaction()` reruns them on transient errors, so they keep all state local.
 */
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { TEMPLATE_NAMES, type TemplateName } from '../../../shared/debate/model.js';
import type { DebateStore, QuestionRecord, VoteRound } from '../debate-store.js';
import { StoreConflictError } from '../store.js';
import { collabModels, type DebateDoc } from './collab-models.js';
import { nowIso } from './cursor.js';
import {
  debateModels,
  QUESTION_STATES,
  toHand,
  toQuestion,
  toSession,
  VOTE_ROUNDS,
  type DebateHandDoc,
  type DebateQuestionDoc,
  type DebateSessionDoc,
  type DebateVoteDoc,
} from './debate-models.js';
import { conflictOf, mapConflict } from './errors.js';

/** Attempts at a vote upsert when two first votes of one user race on the unique index. */
const UPSERT_ATTEMPTS = 3;

const SESSION_CONFLICT = { _id: 'version' } as const;
const UPVOTE_CONFLICT = { questionId: 'vote', userId: 'vote', debate_question_votes_once: 'vote' } as const;
const CREDIT_CONFLICT = { commentId: 'vote', debate_credits_once: 'vote' } as const;

const isDuplicateKey = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
};

/**
 * A plain JSON copy of a plan or state, as SQLite stores them (JSON.stringify): no undefined
 * fields, no class instances, and nothing shared with the caller's objects.
 */
const jsonCopy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function toTemplate(value: unknown): TemplateName {
  const template = TEMPLATE_NAMES.find((t) => t === String(value));
  if (!template) throw new RangeError(`unknown debate template: ${String(value)}`);
  return template;
}

/** A known round, or null (reads of an unknown round find nothing, as in SQLite). */
const roundOf = (value: unknown): VoteRound | null => VOTE_ROUNDS.find((r) => r === String(value)) ?? null;

/** A known round for a write; anything else is a caller bug (SQLite's CHECK refuses it too). */
function toRound(value: unknown): VoteRound {
  const round = roundOf(value);
  if (!round) throw new RangeError(`unknown vote round: ${String(value)}`);
  return round;
}

function toQuestionState(value: unknown): QuestionRecord['state'] {
  const state = QUESTION_STATES.find((s) => s === String(value));
  if (!state) throw new RangeError(`unknown question state: ${String(value)}`);
  return state;
}

/** Registers the debate models (and reads the roster's, registered by collab.ts) on `conn`. */
export async function debateOps(conn: Connection): Promise<DebateStore> {
  const { sessions, votes, hands, questions, questionVotes, credits } = await debateModels(conn);
  // The roster model of collab-models.ts: registering it again with its own schema returns the
  // model already on the connection, so this only reads it.
  const { debates } = await collabModels(conn);

  return {
    async createDebateSession(s) {
      const doc: DebateSessionDoc = {
        _id: String(s.debateId),
        template: toTemplate(s.template),
        plan: jsonCopy(s.plan),
        state: jsonCopy(s.state),
        version: 0,
        updatedAt: nowIso(),
      };
      await mapConflict(() => sessions.create(doc), SESSION_CONFLICT);
      return toSession(doc);
    },

    async getDebateSession(debateId) {
      const d = await sessions.findOne({ _id: String(debateId) }).lean<DebateSessionDoc>();
      return d ? toSession(d) : null;
    },

    async saveDebateSession(debateId, expectedVersion, patch) {
      // Mixed fields are replaced whole with $set, which mongoose passes on as given.
      const set: Partial<DebateSessionDoc> = { state: jsonCopy(patch.state), updatedAt: nowIso() };
      if (patch.plan) set.plan = jsonCopy(patch.plan);
      if (patch.template) set.template = toTemplate(patch.template);
      const d = await sessions
        .findOneAndUpdate(
          { _id: String(debateId), version: Number(expectedVersion) },
          { $set: set, $inc: { version: 1 } },
          { returnDocument: 'after' },
        )
        .lean<DebateSessionDoc>();
      // No session, or another save came first: either way the caller's version is stale.
      if (!d) throw new StoreConflictError('version');
      return toSession(d);
    },

    async listDebatesOfArticle(articleId) {
      const docs = await debates
        .find({ articleId: String(articleId) }, { _id: 1 })
        .sort({ createdAt: 1, _id: 1 })
        .lean<Array<Pick<DebateDoc, '_id'>>>();
      return docs.map((d) => d._id);
    },

    async listLiveDebateSessions() {
      const docs = await sessions.find({ 'state.status': 'live' }).sort({ _id: 1 }).lean<DebateSessionDoc[]>();
      return docs.map(toSession);
    },

    async castDebateVote(v) {
      const key = { debateId: String(v.debateId), round: toRound(v.round), userId: String(v.userId) };
      const change = { positionId: String(v.positionId), at: String(v.at) };
      for (let attempt = 1; ; attempt++) {
        try {
          // A second vote changes the first (and its time), as SQLite's ON CONFLICT DO UPDATE.
          await votes.updateOne(key, { $set: change, $setOnInsert: { _id: randomUUID() } }, { upsert: true });
          return;
        } catch (err) {
          // Two first votes may both try to insert; the server usually retries such an upsert
          // itself. If the duplicate key surfaces anyway, the vote exists now: update it.
          if (!isDuplicateKey(err) || attempt >= UPSERT_ATTEMPTS) throw err;
        }
      }
    },

    async getDebateVote(debateId, round, userId) {
      const r = roundOf(round);
      if (!r) return null;
      const d = await votes
        .findOne({ debateId: String(debateId), round: r, userId: String(userId) }, { positionId: 1 })
        .lean<Pick<DebateVoteDoc, '_id' | 'positionId'>>();
      return d ? d.positionId : null;
    },

    async countDebateVotes(debateId, round) {
      const r = roundOf(round);
      if (!r) return { counts: {}, total: 0 };
      const groups = await votes.aggregate<{ _id: string; n: number }>([
        { $match: { debateId: String(debateId), round: r } },
        { $group: { _id: '$positionId', n: { $sum: 1 } } },
      ]);
      const counts = Object.fromEntries(groups.map((g) => [String(g._id), g.n]));
      return { counts, total: groups.reduce((sum, g) => sum + g.n, 0) };
    },

    async raiseHand(h) {
      const key = { debateId: String(h.debateId), userId: String(h.userId) };
      try {
        // A second raise changes nothing: the first time (and name) stay.
        await hands.updateOne(
          key,
          { $setOnInsert: { _id: randomUUID(), name: String(h.name), raisedAt: String(h.raisedAt) } },
          { upsert: true },
        );
      } catch (err) {
        // A racing raise of the same hand inserted first; that raise is the one that stands.
        if (!isDuplicateKey(err)) throw err;
      }
    },

    async lowerHand(debateId, userId) {
      const result = await hands.deleteOne({ debateId: String(debateId), userId: String(userId) });
      return result.deletedCount > 0;
    },

    async listHands(debateId) {
      const docs = await hands
        .find({ debateId: String(debateId) })
        .sort({ raisedAt: 1, userId: 1 })
        .lean<DebateHandDoc[]>();
      return docs.map(toHand);
    },

    async addQuestion(q) {
      const doc: DebateQuestionDoc = {
        _id: randomUUID(),
        debateId: String(q.debateId),
        userId: String(q.userId),
        name: String(q.name),
        text: String(q.text),
        upvotes: 0,
        state: 'open',
        createdAt: String(q.createdAt),
        answeredAt: null,
      };
      await questions.create(doc);
      return toQuestion(doc);
    },

    async upvoteQuestion(questionId, userId) {
      const qid = String(questionId);
      const uid = String(userId);
      // A second upvote fails on the unique index; it aborts the transaction, and mapConflict
      // turns it into StoreConflictError('vote') (as does a question that does not exist).
      return mapConflict(
        () =>
          conn.transaction(async (session) => {
            const exists = await questions
              .findOne({ _id: qid }, { _id: 1 }, { session })
              .lean<Pick<DebateQuestionDoc, '_id'>>();
            if (!exists) throw new StoreConflictError('vote');
            await questionVotes.create([{ _id: randomUUID(), questionId: qid, userId: uid }], { session });
            const after = await questions
              .findOneAndUpdate(
                { _id: qid },
                { $inc: { upvotes: 1 } },
                { session, returnDocument: 'after', projection: { upvotes: 1 } },
              )
              .lean<Pick<DebateQuestionDoc, '_id' | 'upvotes'>>();
            if (!after) throw new StoreConflictError('vote');
            return after.upvotes;
          }),
        UPVOTE_CONFLICT,
      );
    },

    async setQuestionState(questionId, state, at) {
      const qid = String(questionId);
      const next = toQuestionState(state);
      const answeredAt = next === 'answered' ? String(at) : null;
      return conn.transaction(async (session): Promise<QuestionRecord | null> => {
        const q = await questions
          .findOne({ _id: qid }, { debateId: 1 }, { session })
          .lean<Pick<DebateQuestionDoc, '_id' | 'debateId'>>();
        if (!q) return null;
        // At most one current question per debate: the one before goes back to open.
        if (next === 'current') {
          await questions.updateMany(
            { debateId: q.debateId, state: 'current', _id: { $ne: qid } },
            { $set: { state: 'open' } },
            { session },
          );
        }
        const d = await questions
          .findOneAndUpdate({ _id: qid }, { $set: { state: next, answeredAt } }, { session, returnDocument: 'after' })
          .lean<DebateQuestionDoc>();
        return d ? toQuestion(d) : null;
      });
    },

    async getQuestion(questionId) {
      const d = await questions.findOne({ _id: String(questionId) }).lean<DebateQuestionDoc>();
      return d ? toQuestion(d) : null;
    },

    async listQuestions(debateId) {
      const docs = await questions
        .find({ debateId: String(debateId) })
        .sort({ upvotes: -1, createdAt: 1, _id: 1 })
        .lean<DebateQuestionDoc[]>();
      return docs.map(toQuestion);
    },

    async creditComment(c) {
      try {
        await credits.create({
          _id: randomUUID(),
          debateId: String(c.debateId),
          userId: String(c.userId),
          commentId: String(c.commentId),
          at: String(c.at),
        });
        return true;
      } catch (err) {
        // Already credited by this reader: the unique index says so.
        if (conflictOf(err, CREDIT_CONFLICT)) return false;
        throw err;
      }
    },

    async listCredits(debateId) {
      const groups = await credits.aggregate<{ _id: string; credits: number }>([
        { $match: { debateId: String(debateId) } },
        { $group: { _id: '$commentId', credits: { $sum: 1 } } },
        { $sort: { credits: -1, _id: 1 } },
      ]);
      return groups.map((g) => ({ commentId: String(g._id), credits: g.credits }));
    },
  };
}
