/** Common ground in SQLite (ground-store.ts): migration 13 and the methods. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { GroundScope, GroundStatementStatus, GroundVote } from '../../../shared/common-ground.js';
import {
  decodeGroundVoteCursor,
  groundVotePage,
  groundVotePageSize,
  type GroundStatementRecord,
  type GroundStore,
  type GroundVoteRecord,
} from '../ground-store.js';
import { StoreNotFoundError } from '../store.js';

/**
 * Migration 13: statements by scope (listed oldest first per status; the (scope, id) index gives a
 * scope's statement ids in the order its votes are paged in) and one vote per statement and user.
 * No foreign keys to users, articles or debates, as in the tables since the debate sessions: a
 * scope names either kind. Votes do refer to their statement, so none can point at nothing.
 * Re-runnable (IF NOT EXISTS): migration tests rewind the version and apply later migrations again.
 */
export const GROUND_MIGRATION = `
  CREATE TABLE IF NOT EXISTS ground_statements (
    id TEXT PRIMARY KEY,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('article', 'debate')),
    scope_id TEXT NOT NULL,
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
    comment_id TEXT,
    proposed_by TEXT,
    decided_by TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ground_statements_scope
    ON ground_statements (scope_kind, scope_id, status, created_at, id);
  CREATE INDEX IF NOT EXISTS ground_statements_scope_id ON ground_statements (scope_kind, scope_id, id);
  CREATE TABLE IF NOT EXISTS ground_votes (
    statement_id TEXT NOT NULL REFERENCES ground_statements (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('agree', 'disagree', 'pass')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (statement_id, user_id)
  ) WITHOUT ROWID;
`;

interface StatementRow {
  id: string;
  scope_kind: GroundScope['kind'];
  scope_id: string;
  text: string;
  status: GroundStatementStatus;
  comment_id: string | null;
  proposed_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

interface VoteRow {
  statement_id: string;
  user_id: string;
  vote: GroundVote;
}

const toStatement = (r: StatementRow): GroundStatementRecord => ({
  id: r.id,
  scope: { kind: r.scope_kind, id: r.scope_id },
  text: r.text,
  status: r.status,
  commentId: r.comment_id,
  proposedBy: r.proposed_by,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

const toVote = (r: VoteRow): GroundVoteRecord => ({ statementId: r.statement_id, userId: r.user_id, vote: r.vote });

const isForeignKeyViolation = (err: unknown): boolean =>
  (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

export function groundMethods(db: Database): GroundStore {
  const insert = db.prepare<[StatementRow]>(
    `INSERT INTO ground_statements
       (id, scope_kind, scope_id, text, status, comment_id, proposed_by, decided_by, decided_at, created_at)
     VALUES (@id, @scope_kind, @scope_id, @text, @status, @comment_id, @proposed_by, @decided_by, @decided_at, @created_at)`,
  );
  const byId = db.prepare<[string], StatementRow>('SELECT * FROM ground_statements WHERE id = ?');
  // The statuses come as one JSON array, so one prepared statement serves any set of them.
  const ofScope = db.prepare<[string, string, string], StatementRow>(
    `SELECT * FROM ground_statements
     WHERE scope_kind = ? AND scope_id = ? AND status IN (SELECT value FROM json_each(?))
     ORDER BY created_at, id`,
  );
  const waiting = db.prepare<[string, string, string], { n: number }>(
    `SELECT COUNT(*) AS n FROM ground_statements
     WHERE scope_kind = ? AND scope_id = ? AND status = 'proposed' AND proposed_by = ?`,
  );
  // One statement, so atomic: of two moderators deciding at once, the second finds the status
  // changed already, matches no row and gets nothing back.
  const decide = db.prepare<[string, string, string, string, string], StatementRow>(
    `UPDATE ground_statements SET status = ?, decided_by = ?, decided_at = ?
     WHERE id = ? AND status = ?
     RETURNING *`,
  );
  const upsertVote = db.prepare<[string, string, GroundVote, string]>(
    `INSERT INTO ground_votes (statement_id, user_id, vote, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (statement_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
  );
  // The scope's statement ids (the (scope, id) index), each looked up with the user in the primary key.
  const mine = db.prepare<[string, string, string], VoteRow>(
    `SELECT statement_id, user_id, vote FROM ground_votes
     WHERE user_id = ? AND statement_id IN (SELECT id FROM ground_statements WHERE scope_kind = ? AND scope_id = ?)
     ORDER BY statement_id`,
  );
  // A page is read in two parts, each a range of an index: the rest of the cursor's statement
  // (its votes after the cursor's user), then the statements after it. One query with
  // "(statement, user) > cursor" would read the cursor statement's earlier votes again on every page.
  const restOfStatement = db.prepare<[string, string, string, string, number], VoteRow>(
    `SELECT v.statement_id, v.user_id, v.vote
     FROM ground_statements s JOIN ground_votes v ON v.statement_id = s.id
     WHERE s.id = ? AND s.scope_kind = ? AND s.scope_id = ? AND v.user_id > ?
     ORDER BY v.user_id
     LIMIT ?`,
  );
  const laterStatements = db.prepare<[string, string, string, number], VoteRow>(
    `SELECT statement_id, user_id, vote FROM ground_votes
     WHERE statement_id IN (SELECT id FROM ground_statements WHERE scope_kind = ? AND scope_id = ? AND id > ?)
     ORDER BY statement_id, user_id
     LIMIT ?`,
  );
  // In both parts the statement ids come from the (scope, id) index in id order and each one's votes
  // from the primary key in user order, so rows come out in (statement_id, user_id) order without a
  // sort. The parts need no common snapshot: a vote's key puts it in exactly one of them.
  const readPage = (scope: GroundScope, after: string | null, rows: number): VoteRow[] => {
    const cursor = decodeGroundVoteCursor(after);
    const first = cursor ? restOfStatement.all(cursor.statementId, scope.kind, scope.id, cursor.userId, rows) : [];
    if (first.length >= rows) return first;
    // Every id is longer than '', so the first page starts at the scope's first statement.
    return first.concat(laterStatements.all(scope.kind, scope.id, cursor?.statementId ?? '', rows - first.length));
  };
  // Per user the post-vote if there is one, else the pre-vote (the primary key finds the post-vote).
  const stances = db.prepare<[string], { user_id: string; position_id: string }>(
    `SELECT v.user_id, v.position_id FROM debate_votes v
     WHERE v.debate_id = ?
       AND (v.round = 'post' OR NOT EXISTS (
         SELECT 1 FROM debate_votes p WHERE p.debate_id = v.debate_id AND p.round = 'post' AND p.user_id = v.user_id
       ))
     ORDER BY v.user_id`,
  );

  return {
    async addGroundStatement(s) {
      const record: GroundStatementRecord = {
        id: randomUUID(),
        scope: { kind: s.scope.kind, id: s.scope.id },
        text: s.text,
        status: s.status,
        commentId: s.commentId,
        proposedBy: s.proposedBy,
        decidedBy: s.decidedBy,
        decidedAt: s.decidedAt,
        createdAt: s.createdAt,
      };
      insert.run({
        id: record.id,
        scope_kind: record.scope.kind,
        scope_id: record.scope.id,
        text: record.text,
        status: record.status,
        comment_id: record.commentId,
        proposed_by: record.proposedBy,
        decided_by: record.decidedBy,
        decided_at: record.decidedAt,
        created_at: record.createdAt,
      });
      return record;
    },

    async getGroundStatement(id) {
      const row = byId.get(id);
      return row ? toStatement(row) : null;
    },

    async listGroundStatements(scope, statuses) {
      if (statuses.length === 0) return [];
      return ofScope.all(scope.kind, scope.id, JSON.stringify(statuses)).map(toStatement);
    },

    async countWaitingProposals(scope, userId) {
      return waiting.get(scope.kind, scope.id, userId)!.n;
    },

    async decideGroundStatement(id, decision) {
      const from = decision.from ?? 'proposed';
      const row = decide.get(decision.status, decision.decidedBy, decision.decidedAt, id, from);
      return row ? toStatement(row) : null;
    },

    async castGroundVote(v) {
      try {
        upsertVote.run(v.statementId, v.userId, v.vote, v.at);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new StoreNotFoundError('statement');
        throw err;
      }
    },

    async listMyGroundVotes(scope, userId) {
      return mine.all(userId, scope.kind, scope.id).map(toVote);
    },

    async pageGroundVotes(scope, after, limit) {
      const size = groundVotePageSize(limit);
      // One row more than the page tells whether another page follows, so the last page says so.
      const rows = readPage(scope, after, size + 1);
      return groundVotePage(rows, size, toVote);
    },

    async listDebateStances(debateId) {
      return stances.all(debateId).map((r) => ({ userId: r.user_id, positionId: r.position_id }));
    },
  };
}
