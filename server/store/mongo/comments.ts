/**
 * The `comments` and `changes` collections: schemas, record mapping and the read half of the
 * comment Store. Writes, which move an article's seq, live in commentChanges.ts.
 */
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  CHANGE_KINDS,
  COMMENT_STATUSES,
  type ChangeEntry,
  type ChangeKind,
  type CommentStatus,
} from '../../../shared/types.js';
import type { CommentRecord, Page, Store } from '../store.js';
import { pageSize } from './cursor.js';

export interface CommentDoc {
  _id: string;
  articleId: string;
  /** null for a top-level comment (stored explicitly, so `{ parentId: null }` finds them). */
  parentId: string | null;
  rootId: string;
  depth: number;
  authorId: string;
  authorName: string;
  body: string;
  status: CommentStatus;
  /** Seq of the change that created the comment; never moves afterwards. */
  seq: number;
  createdAt: string;
  editedAt: string | null;
  upvotes: number;
  downvotes: number;
  replyCount: number;
}

export interface ChangeDoc {
  _id: string;
  articleId: string;
  seq: number;
  kind: ChangeKind;
  commentId: string;
  at: string;
}

const commentSchema = new Schema<CommentDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    articleId: { type: String, default: '' },
    parentId: { type: String, default: null },
    rootId: { type: String, default: '' },
    depth: { type: Number, required: true },
    authorId: { type: String, default: '' },
    authorName: { type: String, default: '' },
    body: { type: String, default: '' },
    status: { type: String, enum: COMMENT_STATUSES, required: true },
    seq: { type: Number, required: true },
    createdAt: { type: String, default: '' },
    editedAt: { type: String, default: null },
    upvotes: { type: Number, default: 0 },
    downvotes: { type: Number, default: 0 },
    replyCount: { type: Number, default: 0 },
  },
  { collection: 'comments', versionKey: false, strictQuery: true },
);
commentSchema.index({ articleId: 1, parentId: 1, seq: 1 }, { name: 'comments_thread' });

const changeSchema = new Schema<ChangeDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    articleId: { type: String, default: '' },
    seq: { type: Number, required: true },
    kind: { type: String, enum: CHANGE_KINDS, required: true },
    commentId: { type: String, default: '' },
    at: { type: String, default: '' },
  },
  { collection: 'changes', versionKey: false, strictQuery: true },
);
// Backstop for DESIGN rule 2: even a bug in seq allocation cannot log two changes under one seq.
changeSchema.index({ articleId: 1, seq: 1 }, { unique: true, name: 'changes_articleSeq' });

export type CommentModel = Model<CommentDoc>;
export type ChangeModel = Model<ChangeDoc>;

export const commentModel = (conn: Connection): CommentModel =>
  conn.model<CommentDoc>('Comment', commentSchema);
export const changeModel = (conn: Connection): ChangeModel => conn.model<ChangeDoc>('Change', changeSchema);

export const toComment = (d: CommentDoc): CommentRecord => ({
  id: d._id,
  articleId: d.articleId,
  parentId: d.parentId ?? null,
  rootId: d.rootId,
  depth: d.depth,
  authorId: d.authorId,
  authorName: d.authorName,
  body: d.body,
  status: d.status,
  seq: d.seq,
  createdAt: d.createdAt,
  editedAt: d.editedAt ?? null,
  upvotes: d.upvotes ?? 0,
  downvotes: d.downvotes ?? 0,
  replyCount: d.replyCount ?? 0,
});

export const toChange = (d: ChangeDoc): ChangeEntry => ({
  articleId: d.articleId,
  seq: d.seq,
  kind: d.kind,
  commentId: d.commentId ?? '',
  at: d.at,
});

type CommentReadOps = Pick<Store, 'getComment' | 'getComments' | 'listComments' | 'changesSince'>;

export function commentReadOps(comments: CommentModel, changes: ChangeModel): CommentReadOps {
  return {
    async getComment(id) {
      const d = await comments.findOne({ _id: String(id) }).lean<CommentDoc>();
      return d ? toComment(d) : null;
    },

    async getComments(ids) {
      const wanted = [...new Set(Array.from(ids, String))];
      if (wanted.length === 0) return [];
      const docs = await comments.find({ _id: { $in: wanted } }).lean<CommentDoc[]>();
      const byId = new Map(docs.map((d) => [d._id, d]));
      // In the order asked for, skipping ids that do not exist.
      return wanted.flatMap((id) => {
        const d = byId.get(id);
        return d ? [toComment(d)] : [];
      });
    },

    async listComments(query): Promise<Page<CommentRecord>> {
      const size = pageSize(query.limit);
      if (size === 0) return { items: [], next: null };
      const filter: Record<string, unknown> = {
        articleId: String(query.articleId),
        parentId: query.parentId == null ? null : String(query.parentId),
      };
      if (query.afterSeq !== undefined) filter.seq = { $gt: Number(query.afterSeq) };
      const docs = await comments
        .find(filter)
        .sort({ seq: 1 })
        .limit(size + 1)
        .lean<CommentDoc[]>();
      const items = docs.slice(0, size).map(toComment);
      const last = items[items.length - 1];
      return { items, next: docs.length > size && last ? String(last.seq) : null };
    },

    async changesSince(articleId, sinceSeq, limit) {
      const size = pageSize(limit);
      if (size === 0) return [];
      const docs = await changes
        .find({ articleId: String(articleId), seq: { $gt: Number(sinceSeq) } })
        .sort({ seq: 1 })
        .limit(size)
        .lean<ChangeDoc[]>();
      return docs.map(toChange);
    },
  };
}
