/**
 * The `comments` and `changes` collections: schemas and record mapping. Reads live in
 * commentReads.ts; writes, which move an article's seq, in commentChanges.ts.
 */
import { randomUUID } from 'node:crypto';
import type { MongoDoc } from './doc.js';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  CHANGE_KINDS,
  COMMENT_STATUSES,
  STAFF_BADGES,
  type ChangeEntry,
  type ChangeKind,
} from '../../../shared/types.js';
import type { CommentRecord } from '../store.js';

/**
 * A comment as stored. `parentId` is null for a top-level comment (stored explicitly, so
 * `{ parentId: null }` finds them), and so is `positionId` when the comment argues for no debate
 * position; `seq` is that of the change that created it. The ranking keys
 * (shared/ranking.ts rankKeys: score = up - down, best = Wilson lower bound, controversy) are set with
 * the tally in castVote's transaction; `modVersion` is moderateComment's compare-and-set key.
 */
export type CommentDoc = MongoDoc<CommentRecord> & { score: number; best: number; controversy: number };

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
    score: { type: Number, default: 0 },
    best: { type: Number, default: 0 },
    controversy: { type: Number, default: 0 },
    featured: { type: Boolean, default: false },
    approved: { type: Boolean, default: false },
    modVersion: { type: Number, default: 0 },
    reportCount: { type: Number, default: 0 },
    holdReason: { type: String, default: null },
    removedReason: { type: String, default: null },
    positionId: { type: String, default: null },
    // Only staff comments carry one (absent, not null, for everyone else: the record omits it too).
    authorBadge: { type: String, enum: STAFF_BADGES },
  },
  { collection: 'comments', versionKey: false, strictQuery: true },
);
commentSchema.index({ articleId: 1, parentId: 1, seq: 1 }, { name: 'comments_thread' });
// One index per ranked order (listComments), each ending in seq, the tie-break.
commentSchema.index({ articleId: 1, parentId: 1, score: -1, seq: -1 }, { name: 'comments_top' });
commentSchema.index({ articleId: 1, parentId: 1, best: -1, seq: -1 }, { name: 'comments_best' });
commentSchema.index({ articleId: 1, parentId: 1, controversy: -1, seq: -1 }, { name: 'comments_controversial' });
// listRepliesOfRoots: the replies under given top-level comments, oldest first.
commentSchema.index({ rootId: 1, seq: 1 }, { name: 'comments_root' });
// listComments with a debate position: the comments arguing for it, in seq order.
commentSchema.index({ articleId: 1, positionId: 1, seq: 1 }, { name: 'comments_position' });
// Moderation queues and author history, newest first (moderation.ts).
commentSchema.index({ status: 1, createdAt: -1, _id: -1 }, { name: 'comments_status' });
commentSchema.index({ createdAt: -1, _id: -1 }, { name: 'comments_created' });
commentSchema.index({ authorId: 1, createdAt: -1, _id: -1 }, { name: 'comments_author' });
// countCommentsSince: an article's comments of the last minute (automatic slow mode).
commentSchema.index({ articleId: 1, createdAt: 1 }, { name: 'comments_article_created' });
// countVisibleComments: the comments a reader can see, per article (the front page's counts).
commentSchema.index({ articleId: 1 }, { name: 'comments_visible', partialFilterExpression: { status: 'visible' } });

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

export const commentModel = (conn: Connection): CommentModel => conn.model<CommentDoc>('Comment', commentSchema);
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
  // Lean reads apply no schema defaults: a comment stored before moderation reads as untouched.
  featured: d.featured === true,
  approved: d.approved === true,
  modVersion: d.modVersion ?? 0,
  reportCount: d.reportCount ?? 0,
  holdReason: d.holdReason ?? null,
  removedReason: d.removedReason ?? null,
  // Comments stored before debates have no positionId: they argue for none.
  positionId: d.positionId ?? null,
  ...(d.authorBadge ? { authorBadge: d.authorBadge } : {}),
});

export const toChange = (d: ChangeDoc): ChangeEntry => ({
  articleId: d.articleId,
  seq: d.seq,
  kind: d.kind,
  commentId: d.commentId ?? '',
  at: d.at,
});
