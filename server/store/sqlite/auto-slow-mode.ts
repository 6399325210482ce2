/** Automatic slow mode in SQLite: its migration, the recent comment count and the state's compare-and-set. */
import type { Database } from 'better-sqlite3';
import type { AutoSlowModeState, AutoSlowModeStore } from '../auto-slow-mode-store.js';
import { toArticle, type ArticleRow } from './rows.js';

/**
 * Settings (threshold off, 30 s while engaged) and state per article; a partial index finds the
 * engaged few, and (article_id, created_at) counts an article's recent comments without a scan.
 */
export const AUTO_SLOW_MODE_MIGRATION = `
  ALTER TABLE articles ADD COLUMN auto_slow_mode_per_minute INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN auto_slow_mode_seconds INTEGER NOT NULL DEFAULT 30;
  ALTER TABLE articles ADD COLUMN auto_slow_mode_since TEXT;
  ALTER TABLE articles ADD COLUMN auto_slow_mode_calm_since TEXT;
  CREATE INDEX articles_auto_slow_mode ON articles (auto_slow_mode_since) WHERE auto_slow_mode_since IS NOT NULL;
  CREATE INDEX comments_article_created ON comments (article_id, created_at);
`;

export function autoSlowModeMethods(db: Database): AutoSlowModeStore {
  // The inner LIMIT stops the count at the cap: a busy article's minute is not counted in full.
  const countSince = db.prepare<[string, string, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM (SELECT 1 FROM comments WHERE article_id = ? AND created_at >= ? LIMIT ?)',
  );
  const engaged = db.prepare<[], { id: string }>('SELECT id FROM articles WHERE auto_slow_mode_since IS NOT NULL');
  // `IS` compares NULL with NULL as equal, so one statement covers every from-state.
  const move = db.prepare<[Record<string, unknown>], ArticleRow>(
    `UPDATE articles SET auto_slow_mode_since = @toSince, auto_slow_mode_calm_since = @toCalm
     WHERE id = @id AND auto_slow_mode_since IS @fromSince AND auto_slow_mode_calm_since IS @fromCalm
     RETURNING *`,
  );

  return {
    async countCommentsSince(articleId, since, cap) {
      // A negative LIMIT means "no limit" in SQLite.
      if (!(cap >= 1)) return 0;
      return countSince.get(articleId, since, Math.floor(cap))!.n;
    },
    async listAutoSlowModeEngaged() {
      return engaged.all().map((r) => r.id);
    },
    async moveAutoSlowMode(articleId, from: AutoSlowModeState, to: AutoSlowModeState) {
      const row = move.get({
        id: articleId,
        fromSince: from.autoSlowModeSince,
        fromCalm: from.autoSlowModeCalmSince,
        toSince: to.autoSlowModeSince,
        toCalm: to.autoSlowModeCalmSince,
      });
      return row ? toArticle(row) : null;
    },
  };
}
