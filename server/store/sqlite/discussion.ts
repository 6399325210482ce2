/**
 * Comments, the per-article change log and votes in SQLite. Every change runs in one IMMEDIATE
 * transaction that bumps `articles.seq`, writes the change and appends the log entry, so seqs have
 * no gaps or duplicates (DESIGN rule 2). better-sqlite3 is synchronous: a transaction is never
 * interleaved with another call of this process.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ChangeEntry, ChangeKind, VoteValue } from '../../../shared/types.js';
import { StoreNotFoundError, type CommentRecord, type Committed, type NewComment, type Store } from '../store.js';
import { toChange, toComment, type ChangeRow, type CommentRow } from './rows.js';

type DiscussionMethods = Pick<
  Store,
  'createComment' | 'editComment' | 'deleteComment' | 'getComment' | 'getComments' | 'listComments' | 'changesSince' | 'castVote' | 'getVotes'
>;

export function discussionMethods(db: Database): DiscussionMethods {
  const nextSeq = db.prepare<[string], { seq: number }>('UPDATE articles SET seq = seq + 1 WHERE id = ? RETURNING seq');
  const insertChange = db.prepare<[string, number, ChangeKind, string, string]>(
    'INSERT INTO changes (article_id, seq, kind, comment_id, at) VALUES (?, ?, ?, ?, ?)',
  );
  const commentById = db.prepare<[string], CommentRow>('SELECT * FROM comments WHERE id = ?');
  const insertComment = db.prepare(
    `INSERT INTO comments (id, article_id, parent_id, root_id, depth, author_id, author_name, body, status, seq, created_at)
     VALUES (@id, @articleId, @parentId, @rootId, @depth, @authorId, @authorName, @body, 'visible', @seq, @createdAt)`,
  );
  const bumpReplies = db.prepare<[string]>('UPDATE comments SET reply_count = reply_count + 1 WHERE id = ?');
  const setBody = db.prepare<[string, string, string]>(
    "UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND status = 'visible'",
  );
  const markDeleted = db.prepare<[string]>("UPDATE comments SET body = '', status = 'deleted' WHERE id = ?");
  const topLevel = db.prepare<[string, number, number], CommentRow>(
    'SELECT * FROM comments WHERE article_id = ? AND parent_id IS NULL AND seq > ? ORDER BY seq LIMIT ?',
  );
  const replies = db.prepare<[string, string, number, number], CommentRow>(
    'SELECT * FROM comments WHERE article_id = ? AND parent_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const changes = db.prepare<[string, number, number], ChangeRow>(
    'SELECT * FROM changes WHERE article_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const voteOf = db.prepare<[string, string], { value: 1 | -1 }>('SELECT value FROM votes WHERE comment_id = ? AND user_id = ?');
  const upsertVote = db.prepare<[string, string, number]>(
    'INSERT INTO votes (comment_id, user_id, value) VALUES (?, ?, ?) ON CONFLICT (comment_id, user_id) DO UPDATE SET value = excluded.value',
  );
  const deleteVote = db.prepare<[string, string]>('DELETE FROM votes WHERE comment_id = ? AND user_id = ?');
  const moveTally = db.prepare<[number, number, string], { upvotes: number; downvotes: number }>(
    'UPDATE comments SET upvotes = upvotes + ?, downvotes = downvotes + ? WHERE id = ? RETURNING upvotes, downvotes',
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
    insertComment.run({ ...input, id, rootId, depth, seq: change.seq, createdAt: change.at });
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
    if (!current) return null;
    markDeleted.run(id);
    const change = logChange(current.article_id, 'comment.deleted', id);
    return { value: toComment(commentById.get(id)!), change };
  });

  const vote = db.transaction((commentId: string, userId: string, value: VoteValue) => {
    if (!commentById.get(commentId)) throw new StoreNotFoundError('comment');
    const previous: VoteValue = voteOf.get(commentId, userId)?.value ?? 0;
    if (value === 0) deleteVote.run(commentId, userId);
    else upsertVote.run(commentId, userId, value);
    const up = (value === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
    const down = (value === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
    const tally = moveTally.get(up, down, commentId)!;
    return { previous, current: value, tally: { commentId, ...tally } };
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
    async getComment(id) {
      const row = commentById.get(id);
      return row ? toComment(row) : null;
    },
    async getComments(ids) {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<string[], CommentRow>(`SELECT * FROM comments WHERE id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids);
      return rows.map(toComment);
    },
    async listComments({ articleId, parentId, afterSeq = 0, limit }) {
      const rows = parentId === null ? topLevel.all(articleId, afterSeq, limit + 1) : replies.all(articleId, parentId, afterSeq, limit + 1);
      const items = rows.slice(0, limit).map(toComment);
      return { items, next: rows.length > limit ? String(items.at(-1)!.seq) : null };
    },
    async changesSince(articleId, sinceSeq, limit) {
      return changes.all(articleId, sinceSeq, limit).map(toChange);
    },
    async castVote(commentId, userId, value) {
      return vote.immediate(commentId, userId, value);
    },
    async getVotes(commentIds, userId) {
      const result = new Map<string, VoteValue>();
      for (const id of commentIds) {
        const row = voteOf.get(id, userId);
        if (row) result.set(id, row.value);
      }
      return result;
    },
  };
}
