/** Visible comment counts in SQLite (comment-count-store.ts): migration 9 and the count. */
import type { Database } from 'better-sqlite3';
import type { CommentCountStore } from '../comment-count-store.js';

/**
 * Migration 9: a partial index of the visible comments by article, so counting an article's visible
 * comments walks that index alone (no row reads), however many removed or held comments it has.
 * `IF NOT EXISTS`: a test may rewind the schema version to re-run an older migration after it.
 */
export const VISIBLE_COMMENTS_MIGRATION = `
  CREATE INDEX IF NOT EXISTS comments_visible ON comments (article_id) WHERE status = 'visible';
`;

export function commentCountMethods(db: Database): CommentCountStore {
  // One statement for any number of ids: they travel as one JSON array (no statement per list
  // length). A count per id, so each is an equality on article_id that the planner answers from
  // comments_visible alone (with `article_id IN (...)` it walked every visible comment by status).
  const count = db.prepare<[string], { id: string; n: number }>(
    `SELECT ids.value AS id,
       (SELECT COUNT(*) FROM comments c WHERE c.article_id = ids.value AND c.status = 'visible') AS n
     FROM json_each(?) AS ids`,
  );
  return {
    async countVisibleComments(articleIds) {
      const counts = new Map<string, number>();
      if (articleIds.length === 0) return counts;
      for (const row of count.all(JSON.stringify(articleIds))) counts.set(row.id, row.n);
      return counts;
    },
  };
}
