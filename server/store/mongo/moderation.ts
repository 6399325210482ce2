/**
 * Moderation of comments: compare-and-set actions (each with its seq, change-log entry and audit
 * entry in one transaction), the moderation queues, an author's history and standing. Reports live
 * in reports.ts, the audit log in audit.ts, sanctions in sanctions.ts. Same behaviour as the SQLite
 * adapter (server/store/sqlite/moderation.ts).
 */
import type { Connection } from 'mongoose';
import { COMMENT_STATUSES, type AuditEntry, type CommentStatus, type ModQueue } from '../../../shared/types.js';
import {
  StoreConflictError,
  type AuthorStanding,
  type Committed,
  type CommentRecord,
  type ModerationInput,
  type Page,
  type Store,
} from '../store.js';
import type { ModerationPatch } from '../../../shared/moderation.js';
import type { ArticleModel } from './articles.js';
import { type AuditModel, writeAudit } from './audit.js';
import { changeLog } from './commentChanges.js';
import { type ChangeModel, type CommentDoc, type CommentModel, toComment } from './comments.js';
import { nowIso, olderThan, pageSize, timePage } from './cursor.js';

interface ModerationModels {
  conn: Connection;
  articles: ArticleModel;
  comments: CommentModel;
  changes: ChangeModel;
  audits: AuditModel;
}

/** What moderateComment answers for an applied action. */
interface Moderated {
  committed: Committed<CommentRecord>;
  audit: AuditEntry;
}

type ModerationOps = Pick<
  Store,
  'moderateComment' | 'listQueue' | 'listCommentsByAuthor' | 'authorStanding' | 'countApprovedComments'
>;

/**
 * The filter of each queue (as SQLite's QUEUE_FILTER). Comments stored before moderation lack
 * `approved`, so "not approved" is `$ne: true` rather than `false`.
 */
const QUEUE_FILTER: Record<ModQueue, Record<string, unknown>> = {
  pending: { status: 'held' },
  reported: { status: 'visible', approved: { $ne: true }, reportCount: { $gt: 0 } },
  new: {},
  removed: { status: 'removed' },
  featured: { featured: true },
};

/**
 * The part of a comment an audit entry records before and after an action, as SQLite records it
 * (`modVersion` lets an undo check that nothing happened to the comment since).
 */
const auditState = (d: CommentDoc): Record<string, unknown> => ({
  status: d.status,
  featured: d.featured === true,
  approved: d.approved === true,
  modVersion: d.modVersion ?? 0,
});

function toStatus(value: unknown): CommentStatus {
  const status = COMMENT_STATUSES.find((s) => s === String(value));
  if (!status) throw new RangeError(`unknown comment status: ${String(value)}`);
  return status;
}

/** The patch as a $set of the fields given, each cast to its type. */
function patchToSet(patch: ModerationPatch): Partial<CommentDoc> {
  const set: Partial<CommentDoc> = {};
  if (patch.status !== undefined) set.status = toStatus(patch.status);
  if (patch.featured !== undefined) set.featured = Boolean(patch.featured);
  if (patch.approved !== undefined) set.approved = Boolean(patch.approved);
  if (patch.holdReason !== undefined) set.holdReason = patch.holdReason === null ? null : String(patch.holdReason);
  if (patch.removedReason !== undefined) {
    set.removedReason = patch.removedReason === null ? null : String(patch.removedReason);
  }
  return set;
}

/**
 * The filter value that matches a comment at `version`. A comment stored before moderation has no
 * modVersion field, which reads as 0 (toComment), so version 0 matches the missing field too.
 */
const atVersion = (version: number): number | { $in: Array<number | null> } =>
  version === 0 ? { $in: [0, null] } : version;

export function moderationOps({ conn, articles, comments, changes, audits }: ModerationModels): ModerationOps {
  const { logChange } = changeLog(articles, changes);

  return {
    async moderateComment(input: ModerationInput) {
      const commentId = String(input.commentId);
      const expected = Number(input.expectedVersion);
      const kind = input.kind;
      const set = patchToSet(input.patch ?? {});
      const audit = input.audit;
      // All state stays inside the callback: withTransaction reruns it after a transient error.
      // A StoreConflictError thrown here is not a MongoError, so the driver aborts the transaction
      // and rethrows it at once (no retry).
      return conn.transaction(async (session): Promise<Moderated | null> => {
        const before = await comments.findOne({ _id: commentId }, null, { session }).lean<CommentDoc>();
        if (!before) return null;
        if ((before.modVersion ?? 0) !== expected) throw new StoreConflictError('version');
        // The compare-and-set itself. Of two moderators who both read `expected`, one wins; the
        // other fails this filter (the winner committed before its snapshot) or gets a
        // WriteConflict (the winner's write is uncommitted or newer than its snapshot), which
        // withTransaction reruns, and the rerun then sees the new version above.
        const after = await comments
          .findOneAndUpdate(
            { _id: commentId, modVersion: atVersion(expected) },
            Object.keys(set).length > 0 ? { $set: set, $inc: { modVersion: 1 } } : { $inc: { modVersion: 1 } },
            { session, returnDocument: 'after' },
          )
          .lean<CommentDoc>();
        if (!after) throw new StoreConflictError('version');
        const at = nowIso();
        const change = await logChange(session, after.articleId, kind, after._id, at);
        const entry = await writeAudit(
          audits,
          {
            targetUserId: audit.targetUserId,
            actorId: audit.actorId,
            actorName: audit.actorName,
            action: audit.action,
            reason: audit.reason,
            articleId: after.articleId,
            commentId: after._id,
            before: auditState(before),
            after: auditState(after),
            at,
          },
          session,
        );
        return { committed: { value: toComment(after), change }, audit: entry };
      });
    },

    async listQueue({ queue, articleId, limit, after }): Promise<Page<CommentRecord>> {
      // An unknown queue is a caller bug; refuse it rather than list everything.
      const base = Object.hasOwn(QUEUE_FILTER, queue) ? QUEUE_FILTER[queue] : undefined;
      if (!base) throw new RangeError(`unknown moderation queue: ${String(queue)}`);
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      const filter: Record<string, unknown> = { ...base, ...olderThan('createdAt', after) };
      if (articleId) filter.articleId = String(articleId);
      const docs = await comments
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(size + 1)
        .lean<CommentDoc[]>();
      return timePage(docs, size, (d) => d.createdAt, toComment);
    },

    async listCommentsByAuthor(userId, { limit, after }): Promise<Page<CommentRecord>> {
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      const docs = await comments
        .find({ authorId: String(userId), ...olderThan('createdAt', after) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(size + 1)
        .lean<CommentDoc[]>();
      return timePage(docs, size, (d) => d.createdAt, toComment);
    },

    async authorStanding(userId): Promise<AuthorStanding> {
      const rows = await comments.aggregate<{ _id: string; n: number }>([
        { $match: { authorId: String(userId) } },
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]);
      const by = new Map(rows.map((r) => [String(r._id), Number(r.n)]));
      const standing = {
        visible: by.get('visible') ?? 0,
        held: by.get('held') ?? 0,
        removed: by.get('removed') ?? 0,
        deleted: by.get('deleted') ?? 0,
      };
      return { total: standing.visible + standing.held + standing.removed + standing.deleted, ...standing };
    },

    async countApprovedComments(userId) {
      // As the SQLite adapter: comments that made it past moderation, including ones the author
      // later deleted (held and removed ones do not count).
      return comments.countDocuments({ authorId: String(userId), status: { $in: ['visible', 'deleted'] } });
    },
  };
}
