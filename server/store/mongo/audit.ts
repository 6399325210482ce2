/**
 * The `audit` collection: who did what to which article, comment or user, newest first. Entries
 * are written by appendAudit, or by moderateComment inside its transaction (moderation.ts).
 */
import { randomUUID } from 'node:crypto';
import { Schema, type ClientSession, type Connection, type Model } from 'mongoose';
import type { AuditEntry } from '../../../shared/types.js';
import type { AuditQuery, Page, Store } from '../store.js';
import { olderThan, pageSize, timePage } from './cursor.js';

export interface AuditDoc {
  /** The entry's id. */
  _id: string;
  articleId: string | null;
  commentId: string | null;
  targetUserId: string | null;
  actorId: string;
  actorName: string;
  action: AuditEntry['action'];
  reason: string | null;
  /** Plain objects as given (status, featured, approved for a moderation action), or null. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    articleId: { type: String, default: null },
    commentId: { type: String, default: null },
    targetUserId: { type: String, default: null },
    actorId: { type: String, default: '' },
    actorName: { type: String, default: '' },
    action: { type: String, required: true },
    reason: { type: String, default: null },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
    at: { type: String, default: '' },
  },
  // minimize: false keeps an empty before/after ({}) as {}, as the SQLite adapter does.
  { collection: 'audit', versionKey: false, strictQuery: true, minimize: false },
);
auditSchema.index({ at: -1, _id: -1 }, { name: 'audit_at' });
auditSchema.index({ commentId: 1, at: -1 }, { name: 'audit_comment' });
auditSchema.index({ targetUserId: 1, at: -1 }, { name: 'audit_target' });
auditSchema.index({ articleId: 1, at: -1 }, { name: 'audit_article' });
auditSchema.index({ actorId: 1, at: -1 }, { name: 'audit_actor' });

export type AuditModel = Model<AuditDoc>;

export const auditModel = (conn: Connection): AuditModel => conn.model<AuditDoc>('Audit', auditSchema);

const orNull = (s: string | null | undefined): string | null => (s == null ? null : String(s));

/** A shallow plain copy of a before/after state, or null for none. */
function state(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? { ...(value as Record<string, unknown>) } : null;
}

export const toAudit = (d: AuditDoc): AuditEntry => ({
  id: d._id,
  articleId: d.articleId ?? null,
  commentId: d.commentId ?? null,
  targetUserId: d.targetUserId ?? null,
  actorId: d.actorId,
  actorName: d.actorName,
  action: d.action,
  reason: d.reason ?? null,
  before: state(d.before),
  after: state(d.after),
  at: d.at,
});

/** The stored form of a new entry, with a fresh id and every field cast to its type. */
function toDoc(entry: Omit<AuditEntry, 'id'>): AuditDoc {
  return {
    _id: randomUUID(),
    articleId: orNull(entry.articleId),
    commentId: orNull(entry.commentId),
    targetUserId: orNull(entry.targetUserId),
    actorId: String(entry.actorId),
    actorName: String(entry.actorName),
    action: String(entry.action) as AuditEntry['action'],
    reason: orNull(entry.reason),
    before: state(entry.before),
    after: state(entry.after),
    at: String(entry.at),
  };
}

/** Writes an entry; with a session, as part of that transaction. */
export async function writeAudit(
  audits: AuditModel,
  entry: Omit<AuditEntry, 'id'>,
  session?: ClientSession,
): Promise<AuditEntry> {
  const doc = toDoc(entry);
  if (session) await audits.create([doc], { session });
  else await audits.create(doc);
  return toAudit(doc);
}

type AuditOps = Pick<Store, 'appendAudit' | 'listAudit'>;

export function auditOps(audits: AuditModel): AuditOps {
  return {
    async appendAudit(entry) {
      return writeAudit(audits, entry);
    },

    async listAudit(query: AuditQuery): Promise<Page<AuditEntry>> {
      const { articleId, commentId, targetUserId, actorId, limit, after } = query;
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      const filter: Record<string, unknown> = { ...olderThan('at', after) };
      if (articleId) filter.articleId = String(articleId);
      if (commentId) filter.commentId = String(commentId);
      if (targetUserId) filter.targetUserId = String(targetUserId);
      if (actorId) filter.actorId = String(actorId);
      const docs = await audits
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .limit(size + 1)
        .lean<AuditDoc[]>();
      return timePage(docs, size, (d) => d.at, toAudit);
    },
  };
}
