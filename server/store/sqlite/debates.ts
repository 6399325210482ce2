/** Debate sessions in SQLite: state with compare-and-set, votes per round, hands, questions, credits. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { DebateState, PhasePlan, TemplateName } from '../../../shared/debate/model.js';
import type { DebateSessionRecord, HandRecord, QuestionRecord } from '../debate-store.js';
import { StoreConflictError, type Store } from '../store.js';
import { isUniqueViolation } from './rows.js';

type DebateMethods = Pick<
  Store,
  | 'createDebateSession'
  | 'getDebateSession'
  | 'saveDebateSession'
  | 'listDebatesOfArticle'
  | 'listLiveDebateSessions'
  | 'castDebateVote'
  | 'getDebateVote'
  | 'countDebateVotes'
  | 'raiseHand'
  | 'lowerHand'
  | 'listHands'
  | 'addQuestion'
  | 'upvoteQuestion'
  | 'setQuestionState'
  | 'getQuestion'
  | 'listQuestions'
  | 'creditComment'
  | 'listCredits'
>;

interface SessionRow {
  debate_id: string;
  template: TemplateName;
  plan: string;
  state: string;
  version: number;
  updated_at: string;
}

const toSession = (r: SessionRow): DebateSessionRecord => ({
  debateId: r.debate_id,
  template: r.template,
  plan: JSON.parse(r.plan) as PhasePlan[],
  state: JSON.parse(r.state) as DebateState,
  version: r.version,
  updatedAt: r.updated_at,
});

interface QuestionRow {
  id: string;
  debate_id: string;
  user_id: string;
  name: string;
  text: string;
  upvotes: number;
  state: QuestionRecord['state'];
  created_at: string;
  answered_at: string | null;
}

const toQuestion = (r: QuestionRow): QuestionRecord => ({
  id: r.id,
  debateId: r.debate_id,
  userId: r.user_id,
  name: r.name,
  text: r.text,
  upvotes: r.upvotes,
  state: r.state,
  createdAt: r.created_at,
  answeredAt: r.answered_at,
});

export function debateMethods(db: Database): DebateMethods {
  const sessionOf = db.prepare<[string], SessionRow>('SELECT * FROM debate_sessions WHERE debate_id = ?');
  const questionOf = db.prepare<[string], QuestionRow>('SELECT * FROM debate_questions WHERE id = ?');

  const upvote = db.transaction((questionId: string, userId: string): number => {
    if (!questionOf.get(questionId)) throw new StoreConflictError('vote');
    try {
      db.prepare('INSERT INTO debate_question_votes (question_id, user_id) VALUES (?, ?)').run(questionId, userId);
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError('vote');
      throw err;
    }
    return db
      .prepare<[string], { upvotes: number }>(
        'UPDATE debate_questions SET upvotes = upvotes + 1 WHERE id = ? RETURNING upvotes',
      )
      .get(questionId)!.upvotes;
  });

  const setState = db.transaction(
    (questionId: string, state: QuestionRecord['state'], at: string): QuestionRecord | null => {
      const q = questionOf.get(questionId);
      if (!q) return null;
      if (state === 'current') {
        db.prepare("UPDATE debate_questions SET state = 'open' WHERE debate_id = ? AND state = 'current'").run(
          q.debate_id,
        );
      }
      db.prepare('UPDATE debate_questions SET state = ?, answered_at = ? WHERE id = ?').run(
        state,
        state === 'answered' ? at : null,
        questionId,
      );
      return toQuestion(questionOf.get(questionId)!);
    },
  );

  return {
    async createDebateSession(s) {
      const now = new Date().toISOString();
      try {
        db.prepare(
          'INSERT INTO debate_sessions (debate_id, template, plan, state, version, updated_at) VALUES (?, ?, ?, ?, 0, ?)',
        ).run(s.debateId, s.template, JSON.stringify(s.plan), JSON.stringify(s.state), now);
      } catch (err) {
        if (isUniqueViolation(err)) throw new StoreConflictError('version');
        throw err;
      }
      return toSession(sessionOf.get(s.debateId)!);
    },
    async getDebateSession(debateId) {
      const row = sessionOf.get(debateId);
      return row ? toSession(row) : null;
    },
    async saveDebateSession(debateId, expectedVersion, patch) {
      const row = db
        .prepare<[string, string | null, string | null, string, string, number], SessionRow>(
          `UPDATE debate_sessions SET state = ?, plan = COALESCE(?, plan), template = COALESCE(?, template), updated_at = ?, version = version + 1
           WHERE debate_id = ? AND version = ? RETURNING *`,
        )
        .get(
          JSON.stringify(patch.state),
          patch.plan ? JSON.stringify(patch.plan) : null,
          patch.template ?? null,
          new Date().toISOString(),
          debateId,
          expectedVersion,
        );
      if (!row) throw new StoreConflictError('version');
      return toSession(row);
    },
    async listDebatesOfArticle(articleId) {
      return db
        .prepare<[string], { id: string }>('SELECT id FROM debates WHERE article_id = ? ORDER BY created_at')
        .all(articleId)
        .map((r) => r.id);
    },
    async listLiveDebateSessions() {
      return db
        .prepare<[], SessionRow>(
          "SELECT * FROM debate_sessions WHERE json_extract(state, '$.status') = 'live' ORDER BY debate_id",
        )
        .all()
        .map(toSession);
    },
    async castDebateVote(v) {
      db.prepare(
        `INSERT INTO debate_votes (debate_id, round, user_id, position_id, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (debate_id, round, user_id) DO UPDATE SET position_id = excluded.position_id, at = excluded.at`,
      ).run(v.debateId, v.round, v.userId, v.positionId, v.at);
    },
    async getDebateVote(debateId, round, userId) {
      return (
        db
          .prepare<[string, string, string], { position_id: string }>(
            'SELECT position_id FROM debate_votes WHERE debate_id = ? AND round = ? AND user_id = ?',
          )
          .get(debateId, round, userId)?.position_id ?? null
      );
    },
    async countDebateVotes(debateId, round) {
      const rows = db
        .prepare<[string, string], { position_id: string; n: number }>(
          'SELECT position_id, COUNT(*) AS n FROM debate_votes WHERE debate_id = ? AND round = ? GROUP BY position_id',
        )
        .all(debateId, round);
      const counts = Object.fromEntries(rows.map((r) => [r.position_id, r.n]));
      return { counts, total: rows.reduce((sum, r) => sum + r.n, 0) };
    },
    async raiseHand(h: HandRecord) {
      db.prepare('INSERT OR IGNORE INTO debate_hands (debate_id, user_id, name, raised_at) VALUES (?, ?, ?, ?)').run(
        h.debateId,
        h.userId,
        h.name,
        h.raisedAt,
      );
    },
    async lowerHand(debateId, userId) {
      return (
        db.prepare('DELETE FROM debate_hands WHERE debate_id = ? AND user_id = ?').run(debateId, userId).changes > 0
      );
    },
    async listHands(debateId) {
      return db
        .prepare<[string], { debate_id: string; user_id: string; name: string; raised_at: string }>(
          'SELECT * FROM debate_hands WHERE debate_id = ? ORDER BY raised_at, user_id',
        )
        .all(debateId)
        .map((r) => ({ debateId: r.debate_id, userId: r.user_id, name: r.name, raisedAt: r.raised_at }));
    },
    async addQuestion(q) {
      const id = randomUUID();
      db.prepare(
        "INSERT INTO debate_questions (id, debate_id, user_id, name, text, upvotes, state, created_at) VALUES (?, ?, ?, ?, ?, 0, 'open', ?)",
      ).run(id, q.debateId, q.userId, q.name, q.text, q.createdAt);
      return toQuestion(questionOf.get(id)!);
    },
    async upvoteQuestion(questionId, userId) {
      return upvote.immediate(questionId, userId);
    },
    async setQuestionState(questionId, state, at) {
      return setState.immediate(questionId, state, at);
    },
    async getQuestion(questionId) {
      const row = questionOf.get(questionId);
      return row ? toQuestion(row) : null;
    },
    async listQuestions(debateId) {
      return db
        .prepare<[string], QuestionRow>(
          'SELECT * FROM debate_questions WHERE debate_id = ? ORDER BY upvotes DESC, created_at, id',
        )
        .all(debateId)
        .map(toQuestion);
    },
    async creditComment(c) {
      return (
        db
          .prepare('INSERT OR IGNORE INTO debate_credits (debate_id, user_id, comment_id, at) VALUES (?, ?, ?, ?)')
          .run(c.debateId, c.userId, c.commentId, c.at).changes === 1
      );
    },
    async listCredits(debateId) {
      return db
        .prepare<[string], { comment_id: string; credits: number }>(
          'SELECT comment_id, COUNT(*) AS credits FROM debate_credits WHERE debate_id = ? GROUP BY comment_id ORDER BY credits DESC, comment_id',
        )
        .all(debateId)
        .map((r) => ({ commentId: r.comment_id, credits: r.credits }));
    },
  };
}

/** The migration that creates the tables above (appended to migrations.ts). */
export const DEBATE_SESSION_MIGRATION = `
  CREATE TABLE debate_sessions (
    debate_id TEXT PRIMARY KEY,
    template TEXT NOT NULL,
    plan TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE debate_votes (
    debate_id TEXT NOT NULL,
    round TEXT NOT NULL CHECK (round IN ('pre', 'post')),
    user_id TEXT NOT NULL,
    position_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (debate_id, round, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE debate_hands (
    debate_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    PRIMARY KEY (debate_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE debate_questions (
    id TEXT PRIMARY KEY,
    debate_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    upvotes INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('open', 'current', 'answered')),
    created_at TEXT NOT NULL,
    answered_at TEXT
  );
  CREATE INDEX debate_questions_rank ON debate_questions (debate_id, upvotes DESC, created_at);
  CREATE TABLE debate_question_votes (
    question_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE debate_credits (
    debate_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (debate_id, user_id, comment_id)
  ) WITHOUT ROWID;
  ALTER TABLE comments ADD COLUMN position_id TEXT;
  CREATE INDEX comments_position ON comments (article_id, position_id, seq);
`;
