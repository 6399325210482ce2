/** Votes in SQLite: one row per (comment, user); the tally and ranking keys move in the same transaction. */
import type { Database } from 'better-sqlite3';
import { rankKeys } from '../../../shared/ranking.js';
import type { VoteValue } from '../../../shared/types.js';
import { StoreNotFoundError, type Store, type VoteResult } from '../store.js';

type VoteMethods = Pick<Store, 'castVote' | 'getVotes'>;

export function voteMethods(db: Database): VoteMethods {
  const tallyOf = db.prepare<[string], { upvotes: number; downvotes: number }>(
    'SELECT upvotes, downvotes FROM comments WHERE id = ?',
  );
  const voteOf = db.prepare<[string, string], { value: 1 | -1 }>(
    'SELECT value FROM votes WHERE comment_id = ? AND user_id = ?',
  );
  const upsertVote = db.prepare<[string, string, number]>(
    'INSERT INTO votes (comment_id, user_id, value) VALUES (?, ?, ?) ON CONFLICT (comment_id, user_id) DO UPDATE SET value = excluded.value',
  );
  const deleteVote = db.prepare<[string, string]>('DELETE FROM votes WHERE comment_id = ? AND user_id = ?');
  const setTally = db.prepare(
    `UPDATE comments SET upvotes = @upvotes, downvotes = @downvotes, score = @score, best = @best, controversy = @controversy
     WHERE id = @id`,
  );

  const vote = db.transaction((commentId: string, userId: string, value: VoteValue): VoteResult => {
    const before = tallyOf.get(commentId);
    if (!before) throw new StoreNotFoundError('comment');
    const previous: VoteValue = voteOf.get(commentId, userId)?.value ?? 0;
    if (value === 0) deleteVote.run(commentId, userId);
    else upsertVote.run(commentId, userId, value);
    const upvotes = before.upvotes + (value === 1 ? 1 : 0) - (previous === 1 ? 1 : 0);
    const downvotes = before.downvotes + (value === -1 ? 1 : 0) - (previous === -1 ? 1 : 0);
    setTally.run({ id: commentId, upvotes, downvotes, ...rankKeys(upvotes, downvotes) });
    return { previous, current: value, tally: { commentId, upvotes, downvotes } };
  });

  return {
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
