/**
 * Visible comment counts in MongoDB (comment-count-store.ts), as the SQLite adapter counts them
 * (server/store/sqlite/comment-counts.ts): one aggregation over the partial index of visible
 * comments by article (comments.ts, comments_visible).
 */
import type { CommentCountStore } from '../comment-count-store.js';
import type { CommentModel } from './comments.js';

export function commentCountOps(comments: CommentModel): CommentCountStore {
  return {
    async countVisibleComments(articleIds) {
      const counts = new Map<string, number>(articleIds.map((id) => [String(id), 0]));
      if (articleIds.length === 0) return counts;
      const rows = await comments.aggregate<{ _id: string; n: number }>([
        // `status: 'visible'` is the partial index's own filter, so the match can use it.
        { $match: { articleId: { $in: [...counts.keys()] }, status: 'visible' } },
        { $group: { _id: '$articleId', n: { $sum: 1 } } },
      ]);
      for (const row of rows) counts.set(String(row._id), Number(row.n));
      return counts;
    },
  };
}
