/**
 * Moderation in SQLite: compare-and-set actions on comments (each with its seq, change-log entry and
 * audit entry in one transaction), reports, queues, the audit log, author history and sanctions.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditEntry, ChangeKind, ModQueue, Report, Sanction } from '../../../shared/types.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import {
  StoreConflictError,
  StoreNotFoundError,
  type CommentRecord,
  type ModerationInput,
  type Page,
  type Store,
} from '../store.js';
import { isUniqueViolation, toComment, type CommentRow } from './rows.js';

type ModerationMethods = Pick<
  Store,
  | 'moderateComment'
  | 'addReport'
  | 'listReports'
  | 'listQueue'
  | 'appendAudit'
  | 'listAudit'
  | 'listCommentsByAuthor'
  | 'authorStanding'
  | 'countApprovedComments'
  | 'createSanction'
  | 'listSanctions'
  | 'getSanction'
  | 'liftSanction'
  | 'acknowledgeSanction'
>;

interface AuditRow {
  id: string;
  article_id: string | null;
  comment_id: string | null;
  target_user_id: string | null;
  actor_id: string;
  actor_name: string;
  action: AuditEntry['action'];
  reason: string | null;
  before: string | null;
  after: string | null;
  at: string;
}

const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  articleId: r.article_id,
  commentId: r.comment_id,
  targetUserId: r.target_user_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  reason: r.reason,
  before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
  after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
  at: r.at,
});

interface SanctionRow {
  id: string;
  user_id: string;
  kind: Sanction['kind'];
  reason: string;
  until: string | null;
  actor_id: string;
  created_at: string;
  acknowledged_at: string | null;
  lifted_at: string | null;
}

const toSanction = (r: SanctionRow): Sanction => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  reason: r.reason,
  until: r.until,
  actorId: r.actor_id,
  createdAt: r.created_at,
  acknowledgedAt: r.acknowledged_at,
  liftedAt: r.lifted_at,
});

/**
 * The part of a comment an audit entry records before and after an action; `modVersion` lets an
 * undo check that nothing happened to the comment since (server/domain/moderation/undo.ts).
 */
const auditState = (c: CommentRow) => ({
  status: c.status,
  featured: c.featured === 1,
  approved: c.approved === 1,
  modVersion: c.mod_version,
});

const QUEUE_FILTER: Record<ModQueue, string> = {
  pending: "status = 'held'",
  reported: "status = 'visible' AND approved = 0 AND report_count > 0",
  new: '1 = 1',
  removed: "status = 'removed'",
  featured: 'featured = 1',
};

/** Newest-first keyset page over a table with `at`-like time and id columns. */
function pageOf<R extends { id: string }>(
  rows: R[],
  limit: number,
  timeOf: (r: R) => string,
): { rows: R[]; next: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor(timeOf(last), last.id) : null };
}

/** Adds an SQL clause to `clauses` (a WHERE or SET list) and its named parameters to `params`. */
function clauseAdder(clauses: string[], params: Record<string, unknown>) {
  return (clause: string, values: object): void => {
    clauses.push(clause);
    Object.assign(params, values);
  };
}

export function moderationMethods(db: Database): ModerationMethods {
  const commentById = db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const nextSeq = db.prepare<[string], { seq: number }>('UPDATE articles SET seq = seq + 1 WHERE id = ? RETURNING seq');
  const insertChange = db.prepare<[string, number, ChangeKind, string, string]>(
    'INSERT INTO changes (article_id, seq, kind, comment_id, at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertAudit = db.prepare(
    `INSERT INTO audit (id, article_id, comment_id, target_user_id, actor_id, actor_name, action, reason, before, after, at)
     VALUES (@id, @articleId, @commentId, @targetUserId, @actorId, @actorName, @action, @reason, @before, @after, @at)`,
  );
  const insertReport = db.prepare(
    'INSERT INTO reports (comment_id, user_id, reason, note, at) VALUES (@commentId, @userId, @reason, @note, @at)',
  );
  const countReport = db.prepare<[string], { report_count: number }>(
    'UPDATE comments SET report_count = report_count + 1 WHERE id = ? RETURNING report_count',
  );

  const writeAudit = (entry: Omit<AuditEntry, 'id'>): AuditEntry => {
    const full: AuditEntry = { ...entry, id: randomUUID() };
    insertAudit.run({
      ...full,
      before: full.before ? JSON.stringify(full.before) : null,
      after: full.after ? JSON.stringify(full.after) : null,
    });
    return full;
  };

  const moderate = db.transaction((input: ModerationInput) => {
    const before = commentById.get(input.commentId);
    if (!before) return null;
    if (before.mod_version !== input.expectedVersion) throw new StoreConflictError('version');
    const sets: string[] = ['mod_version = mod_version + 1'];
    const values: Record<string, unknown> = { id: before.id };
    const { patch } = input;
    const set = clauseAdder(sets, values);
    if (patch.status !== undefined) set('status = @status', { status: patch.status });
    if (patch.featured !== undefined) set('featured = @featured', { featured: patch.featured ? 1 : 0 });
    if (patch.approved !== undefined) set('approved = @approved', { approved: patch.approved ? 1 : 0 });
    if (patch.holdReason !== undefined) set('hold_reason = @holdReason', { holdReason: patch.holdReason });
    if (patch.removedReason !== undefined)
      set('removed_reason = @removedReason', { removedReason: patch.removedReason });
    db.prepare(`UPDATE comments SET ${sets.join(', ')} WHERE id = @id`).run(values);
    const after = commentById.get(before.id)!;
    const seq = nextSeq.get(before.article_id);
    if (!seq) throw new StoreNotFoundError('article');
    const at = new Date().toISOString();
    insertChange.run(before.article_id, seq.seq, input.kind, before.id, at);
    const audit = writeAudit({
      ...input.audit,
      articleId: before.article_id,
      commentId: before.id,
      before: auditState(before),
      after: auditState(after),
      at,
    });
    return {
      committed: {
        value: toComment(after),
        change: { articleId: before.article_id, seq: seq.seq, kind: input.kind, commentId: before.id, at },
      },
      audit,
    };
  });

  const report = db.transaction((r: Report): number => {
    if (!commentById.get(r.commentId)) throw new StoreNotFoundError('comment');
    try {
      insertReport.run({ ...r, note: r.note ?? null });
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError('report');
      throw err;
    }
    return countReport.get(r.commentId)!.report_count;
  });

  return {
    async moderateComment(input) {
      return moderate.immediate(input);
    },
    async addReport(r) {
      return report.immediate(r);
    },
    async listReports(commentId) {
      const rows = db
        .prepare<
          [string],
          { comment_id: string; user_id: string; reason: Report['reason']; note: string | null; at: string }
        >('SELECT * FROM reports WHERE comment_id = ? ORDER BY at')
        .all(commentId);
      return rows.map((r) => ({
        commentId: r.comment_id,
        userId: r.user_id,
        reason: r.reason,
        note: r.note,
        at: r.at,
      }));
    },
    async listQueue({ queue, articleId, limit, after }): Promise<Page<CommentRecord>> {
      const cursor = decodeCursor(after);
      const where = [QUEUE_FILTER[queue]];
      const params: Record<string, unknown> = { limit: limit + 1 };
      const and = clauseAdder(where, params);
      if (articleId) and('article_id = @articleId', { articleId });
      if (cursor) and('(created_at < @time OR (created_at = @time AND id < @id))', cursor);
      const rows = db
        .prepare<[Record<string, unknown>], CommentRow>(
          `SELECT * FROM comments WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`,
        )
        .all(params);
      const page = pageOf(rows, limit, (r) => r.created_at);
      return { items: page.rows.map(toComment), next: page.next };
    },
    async appendAudit(entry) {
      return writeAudit(entry);
    },
    async listAudit({ articleId, commentId, targetUserId, actorId, limit, after }) {
      const cursor = decodeCursor(after);
      const where = ['1 = 1'];
      const params: Record<string, unknown> = { limit: limit + 1 };
      const and = clauseAdder(where, params);
      if (articleId) and('article_id = @articleId', { articleId });
      if (commentId) and('comment_id = @commentId', { commentId });
      if (targetUserId) and('target_user_id = @targetUserId', { targetUserId });
      if (actorId) and('actor_id = @actorId', { actorId });
      if (cursor) and('(at < @time OR (at = @time AND id < @id))', cursor);
      const rows = db
        .prepare<[Record<string, unknown>], AuditRow>(
          `SELECT * FROM audit WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT @limit`,
        )
        .all(params);
      const page = pageOf(rows, limit, (r) => r.at);
      return { items: page.rows.map(toAudit), next: page.next };
    },
    async listCommentsByAuthor(userId, { limit, after }) {
      const cursor = decodeCursor(after);
      const rows = db
        .prepare<[Record<string, unknown>], CommentRow>(
          `SELECT * FROM comments WHERE author_id = @userId ${cursor ? 'AND (created_at < @time OR (created_at = @time AND id < @id))' : ''}
           ORDER BY created_at DESC, id DESC LIMIT @limit`,
        )
        .all({ userId, limit: limit + 1, ...(cursor ?? {}) });
      const page = pageOf(rows, limit, (r) => r.created_at);
      return { items: page.rows.map(toComment), next: page.next };
    },
    async authorStanding(userId) {
      const rows = db
        .prepare<[string], { status: string; n: number }>(
          'SELECT status, COUNT(*) AS n FROM comments WHERE author_id = ? GROUP BY status',
        )
        .all(userId);
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
      const standing = {
        visible: by.visible ?? 0,
        held: by.held ?? 0,
        removed: by.removed ?? 0,
        deleted: by.deleted ?? 0,
      };
      return { total: standing.visible + standing.held + standing.removed + standing.deleted, ...standing };
    },
    async countApprovedComments(userId) {
      return db
        .prepare<[string], { n: number }>(
          "SELECT COUNT(*) AS n FROM comments WHERE author_id = ? AND status IN ('visible', 'deleted')",
        )
        .get(userId)!.n;
    },
    async createSanction(s) {
      const sanction: Sanction = { ...s, id: randomUUID(), acknowledgedAt: null, liftedAt: null };
      db.prepare(
        `INSERT INTO sanctions (id, user_id, kind, reason, until, actor_id, created_at) VALUES (@id, @userId, @kind, @reason, @until, @actorId, @createdAt)`,
      ).run(sanction);
      return sanction;
    },
    async listSanctions(userId) {
      return db
        .prepare<[string], SanctionRow>('SELECT * FROM sanctions WHERE user_id = ? ORDER BY created_at DESC, id DESC')
        .all(userId)
        .map(toSanction);
    },
    async getSanction(id) {
      const row = db.prepare<[string], SanctionRow>('SELECT * FROM sanctions WHERE id = ?').get(id);
      return row ? toSanction(row) : null;
    },
    async liftSanction(id, at) {
      const row = db
        .prepare<[string, string], SanctionRow>(
          'UPDATE sanctions SET lifted_at = ? WHERE id = ? AND lifted_at IS NULL RETURNING *',
        )
        .get(at, id);
      return row ? toSanction(row) : null;
    },
    async acknowledgeSanction(id, userId, at) {
      const row = db
        .prepare<[string, string, string], SanctionRow>(
          "UPDATE sanctions SET acknowledged_at = ? WHERE id = ? AND user_id = ? AND kind = 'warn' AND acknowledged_at IS NULL RETURNING *",
        )
        .get(at, id, userId);
      return row ? toSanction(row) : null;
    },
  };
}
