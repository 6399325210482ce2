/**
 * The `reports` collection: one report per (comment, user), enforced by a unique index. A report and
 * the comment's reportCount move together in one transaction, so the count always equals the
 * reports stored.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { REPORT_REASONS, type Report, type ReportReason } from '../../../shared/types.js';
import { StoreNotFoundError, type Store } from '../store.js';
import type { CommentDoc, CommentModel } from './comments.js';
import { mapConflict } from './errors.js';

export interface ReportDoc {
  _id: string;
  commentId: string;
  userId: string;
  reason: ReportReason;
  note: string | null;
  at: string;
}

const reportSchema = new Schema<ReportDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    commentId: { type: String, default: '' },
    userId: { type: String, default: '' },
    reason: { type: String, enum: REPORT_REASONS, required: true },
    note: { type: String, default: null },
    at: { type: String, default: '' },
  },
  { collection: 'reports', versionKey: false, strictQuery: true },
);
// One report per user per comment; also serves listReports (by commentId).
reportSchema.index({ commentId: 1, userId: 1 }, { unique: true, name: 'reports_commentUser' });

export type ReportModel = Model<ReportDoc>;

export const reportModel = (conn: Connection): ReportModel => conn.model<ReportDoc>('Report', reportSchema);

const REPORT_CONFLICT = { commentId: 'report', userId: 'report', reports_commentUser: 'report' } as const;

const toReport = (d: ReportDoc): Report => ({
  commentId: d.commentId,
  userId: d.userId,
  reason: d.reason,
  note: d.note ?? null,
  at: d.at,
});

function toReason(value: unknown): ReportReason {
  const reason = REPORT_REASONS.find((r) => r === String(value));
  if (!reason) throw new RangeError(`unknown report reason: ${String(value)}`);
  return reason;
}

type ReportOps = Pick<Store, 'addReport' | 'listReports'>;

export function reportOps(conn: Connection, comments: CommentModel, reports: ReportModel): ReportOps {
  return {
    async addReport(report) {
      const doc: ReportDoc = {
        _id: randomUUID(),
        commentId: String(report.commentId),
        userId: String(report.userId),
        reason: toReason(report.reason),
        note: report.note == null ? null : String(report.note),
        at: String(report.at),
      };
      // A second report of the same user fails the unique index: inside the transaction that is a
      // duplicate key (not transient), so the transaction aborts and it surfaces here as a conflict.
      // Two racing first reports collide as a WriteConflict instead, which withTransaction reruns;
      // the rerun then meets the winner's report as a duplicate key.
      return mapConflict(
        () =>
          conn.transaction(async (session): Promise<number> => {
            const exists = await comments.exists({ _id: doc.commentId }).session(session);
            if (!exists) throw new StoreNotFoundError('comment');
            await reports.create([doc], { session });
            const after = await comments
              .findOneAndUpdate(
                { _id: doc.commentId },
                { $inc: { reportCount: 1 } },
                { session, returnDocument: 'after', projection: { reportCount: 1 } },
              )
              .lean<Pick<CommentDoc, '_id' | 'reportCount'>>();
            if (!after) throw new StoreNotFoundError('comment');
            return after.reportCount ?? 0;
          }),
        REPORT_CONFLICT,
      );
    },

    async listReports(commentId) {
      const docs = await reports
        .find({ commentId: String(commentId) })
        .sort({ at: 1, userId: 1 })
        .lean<ReportDoc[]>();
      return docs.map(toReport);
    },
  };
}
