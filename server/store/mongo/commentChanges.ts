/**
 * Comment writes. Each runs in one MongoDB transaction that changes the comment, takes the
 * article's next seq and appends the change-log entry (DESIGN rule 2), so all three commit or none
 * does. `connection.transaction()` wraps the driver's `withTransaction`, which reruns the callback
 * on transient errors: concurrent writers to one article collide on the article's seq counter
 * (a WriteConflict) and are retried, which serialises seq allocation without gaps. Each callback
 * therefore keeps all its state local, so a rerun starts from nothing.
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession, Connection } from 'mongoose';
import { rankKeys } from '../../../shared/ranking.js';
import { STAFF_BADGES, type ChangeEntry, type ChangeKind } from '../../../shared/types.js';
import { StoreNotFoundError, type Committed, type CommentRecord, type Store } from '../store.js';
import type { ArticleModel } from './articles.js';
import { type ChangeModel, type CommentDoc, type CommentModel, toComment } from './comments.js';
import { nowIso } from './cursor.js';

interface CommentWriteModels {
  conn: Connection;
  articles: ArticleModel;
  comments: CommentModel;
  changes: ChangeModel;
}

type CommentWriteOps = Pick<Store, 'createComment' | 'editComment' | 'deleteComment'>;

/** Seq allocation and the change log, for use inside a transaction (here and in moderation.ts). */
export interface ChangeLog {
  nextSeq(session: ClientSession, articleId: string, newComment?: boolean): Promise<number | null>;
  appendChange(session: ClientSession, change: ChangeEntry): Promise<ChangeEntry>;
  logChange(
    session: ClientSession,
    articleId: string,
    kind: ChangeKind,
    commentId: string,
    at: string,
  ): Promise<ChangeEntry>;
}

export function changeLog(articles: ArticleModel, changes: ChangeModel): ChangeLog {
  /**
   * Takes the article's next seq inside the transaction; null if there is no such article.
   * The $inc write-locks the article document until commit, which is what orders the writers.
   * `newComment` also counts a created comment in the same $inc (ArticleRecord.commentCount).
   */
  async function nextSeq(session: ClientSession, articleId: string, newComment = false): Promise<number | null> {
    const article = await articles
      .findOneAndUpdate(
        { _id: articleId },
        { $inc: newComment ? { seq: 1, commentCount: 1 } : { seq: 1 } },
        { session, returnDocument: 'after', projection: { seq: 1 } },
      )
      .lean<{ _id: string; seq: number }>();
    return article ? article.seq : null;
  }

  async function appendChange(session: ClientSession, change: ChangeEntry): Promise<ChangeEntry> {
    await changes.create([{ _id: randomUUID(), ...change }], { session });
    return change;
  }

  /** Takes the next seq and logs `kind` under it, for a change to an existing comment. */
  async function logChange(
    session: ClientSession,
    articleId: string,
    kind: ChangeKind,
    commentId: string,
    at: string,
  ): Promise<ChangeEntry> {
    const seq = await nextSeq(session, articleId);
    // Comments are never orphaned (articles are not deleted), so this is a broken invariant.
    if (seq === null) throw new StoreNotFoundError('article');
    return appendChange(session, { articleId, seq, kind, commentId, at });
  }

  return { nextSeq, appendChange, logChange };
}

/** A new comment's status: 'visible' unless given as 'held'; anything else is a caller bug. */
function newStatus(status: unknown): 'visible' | 'held' {
  if (status === undefined || status === null || status === 'visible') return 'visible';
  if (status === 'held') return 'held';
  throw new RangeError(`a new comment cannot have status ${String(status)}`);
}

export function commentWriteOps({ conn, articles, comments, changes }: CommentWriteModels): CommentWriteOps {
  const { nextSeq, appendChange, logChange } = changeLog(articles, changes);

  return {
    async createComment(input): Promise<Committed<CommentRecord>> {
      const articleId = String(input.articleId);
      const parentId = input.parentId == null ? null : String(input.parentId);
      const status = newStatus(input.status);
      const holdReason = input.holdReason == null ? null : String(input.holdReason);
      const positionId = input.positionId == null ? null : String(input.positionId);
      return conn.transaction(async (session) => {
        const id: string = randomUUID();
        const at = nowIso();
        // The seq first: it doubles as the article's existence check, and a collision on the
        // busiest document aborts the attempt before any other work is done.
        const seq = await nextSeq(session, articleId, true);
        if (seq === null) throw new StoreNotFoundError('article');
        let rootId = id;
        let depth = 0;
        if (parentId !== null) {
          // Counting the reply in the same step as loading the parent; the article filter keeps
          // a reply from attaching across articles.
          const parent = await comments
            .findOneAndUpdate(
              { _id: parentId, articleId },
              { $inc: { replyCount: 1 } },
              { session, returnDocument: 'after', projection: { rootId: 1, depth: 1 } },
            )
            .lean<Pick<CommentDoc, '_id' | 'rootId' | 'depth'>>();
          if (!parent) throw new StoreNotFoundError('parent');
          rootId = parent.rootId;
          depth = parent.depth + 1;
        }
        const doc: CommentDoc = {
          _id: id,
          articleId,
          parentId,
          rootId,
          depth,
          authorId: String(input.authorId),
          authorName: String(input.authorName),
          body: String(input.body),
          status,
          seq,
          createdAt: at,
          editedAt: null,
          upvotes: 0,
          downvotes: 0,
          replyCount: 0,
          ...rankKeys(0, 0),
          featured: false,
          approved: false,
          modVersion: 0,
          reportCount: 0,
          holdReason,
          removedReason: null,
          positionId,
          ...(input.authorBadge && STAFF_BADGES.includes(input.authorBadge) ? { authorBadge: input.authorBadge } : {}),
        };
        await comments.create([doc], { session });
        const change = await appendChange(session, {
          articleId,
          seq,
          kind: 'comment.created',
          commentId: id,
          at,
        });
        return { value: toComment(doc), change };
      });
    },

    async editComment(id, body, editedAt) {
      const commentId = String(id);
      const newBody = String(body);
      const at = String(editedAt);
      return conn.transaction(async (session): Promise<Committed<CommentRecord> | null> => {
        // Only a visible comment can be edited; deleted, removed and held ones answer null.
        const d = await comments
          .findOneAndUpdate(
            { _id: commentId, status: 'visible' },
            // An edit is new text: a moderator's decision on the old text must not apply to it.
            { $set: { body: newBody, editedAt: at }, $inc: { modVersion: 1 } },
            { session, returnDocument: 'after' },
          )
          .lean<CommentDoc>();
        if (!d) return null;
        const change = await logChange(session, d.articleId, 'comment.edited', d._id, at);
        return { value: toComment(d), change };
      });
    },

    async deleteComment(id) {
      const commentId = String(id);
      return conn.transaction(async (session): Promise<Committed<CommentRecord> | null> => {
        const at = nowIso();
        // Only a visible comment can be deleted by its author: a removal (or hold) in between wins,
        // and a second delete answers null instead of logging another change.
        const d = await comments
          .findOneAndUpdate(
            { _id: commentId, status: 'visible' },
            { $set: { status: 'deleted', body: '', featured: false } },
            { session, returnDocument: 'after' },
          )
          .lean<CommentDoc>();
        if (!d) return null;
        const change = await logChange(session, d.articleId, 'comment.deleted', d._id, at);
        return { value: toComment(d), change };
      });
    },
  };
}
