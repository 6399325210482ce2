/**
 * Comment writes and the per-article change log in SQLite. Every change runs in one IMMEDIATE
 * transaction that bumps `articles.seq`, writes the change and appends the log entry, so seqs have
 * no gaps or duplicates (DESIGN rule 2). better-sqlite3 is synchronous: a transaction is never
 * interleaved with another call of this process.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ChangeEntry, ChangeKind } from '../../../shared/types.js';
import { StoreNotFoundError, type CommentRecord, type Committed, type NewComment, type Store } from '../store.js';
import { toComment, type CommentRow } from './rows.js';

type DiscussionMethods = Pick<Store, 'createComment' | 'editComment' | 'deleteComment'>;

export function discussionMethods(db: Database): DiscussionMethods {
  const nextSeq = db.prepare<[string], { seq: number }>('UPDATE articles SET seq = seq + 1 WHERE id = ? RETURNING seq');
  const insertChange = db.prepare<[string, number, ChangeKind, string, string]>(
    'INSERT INTO changes (article_id, seq, kind, comment_id, at) VALUES (?, ?, ?, ?, ?)',
  );
  const commentById = db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const insertComment = db.prepare(
    `INSERT INTO comments (id, article_id, parent_id, root_id, depth, author_id, author_name, body, status, hold_reason, position_id, seq, created_at, author_badge)
     VALUES (@id, @articleId, @parentId, @rootId, @depth, @authorId, @authorName, @body, @status, @holdReason, @positionId, @seq, @createdAt, @authorBadge)`,
  );
  const countComment = db.prepare<[string]>('UPDATE articles SET comment_count = comment_count + 1 WHERE id = ?');
  const bumpReplies = db.prepare<[string]>('UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?');
  const setBody = db.prepare<[string, string, string]>(
    // An edit is new text: a moderator's decision on the old text must not apply to it (mod_version).
    "UPDATE comments SET body = ?, edited_at = ?, mod_version = mod_version + 1 WHERE id = ? AND status = 'visible'",
  );
  // Only a visible comment can be deleted by its author: a removal in between wins.
  const markDeleted = db.prepare<[string]>(
    "UPDATE comments SET body = '', status = 'deleted', featured = 0 WHERE id = ? AND status = 'visible'",
  );
  /** Allocates the article's next seq and logs the change; call inside a transaction. */
  const logChange = (articleId: string, kind: ChangeKind, commentId: string): ChangeEntry => {
    const allocated = nextSeq.get(articleId);
    if (!allocated) throw new StoreNotFoundError('article');
    const at = new Date().toISOString();
    insertChange.run(articleId, allocated.seq, kind, commentId, at);
    return { articleId, seq: allocated.seq, kind, commentId, at };
  };

  const create = db.transaction((input: NewComment): Committed<CommentRecord> => {
    const id = randomUUID();
    let rootId: string = id;
    let depth = 0;
    if (input.parentId !== null) {
      const parent = commentById.get(input.parentId);
      if (!parent || parent.article_id !== input.articleId) throw new StoreNotFoundError('parent');
      rootId = parent.root_id;
      depth = parent.depth + 1;
      bumpReplies.run(parent.id);
    }
    const change = logChange(input.articleId, 'comment.created', id);
    countComment.run(input.articleId);
    insertComment.run({
      ...input,
      status: input.status ?? 'visible',
      holdReason: input.holdReason ?? null,
      positionId: input.positionId ?? null,
      authorBadge: input.authorBadge ?? null,
      id,
      rootId,
      depth,
      seq: change.seq,
      createdAt: change.at,
    });
    return { value: toComment(commentById.get(id)!), change };
  });

  const edit = db.transaction((id: string, body: string, editedAt: string): Committed<CommentRecord> | null => {
    const current = commentById.get(id);
    if (!current || setBody.run(body, editedAt, id).changes === 0) return null;
    const change = logChange(current.article_id, 'comment.edited', id);
    return { value: toComment(commentById.get(id)!), change };
  });

  const remove = db.transaction((id: string): Committed<CommentRecord> | null => {
    const current = commentById.get(id);
    if (!current || markDeleted.run(id).changes === 0) return null;
    const change = logChange(current.article_id, 'comment.deleted', id);
    return { value: toComment(commentById.get(id)!), change };
  });

  return {
    async createComment(input) {
      return create.immediate(input);
    },
    async editComment(id, body, editedAt) {
      return edit.immediate(id, body, editedAt);
    },
    async deleteComment(id) {
      return remove.immediate(id);
    },
  };
}
