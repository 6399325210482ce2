/** Articles in SQLite. */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { StoreConflictError, type ArticlePatch, type ArticleRecord, type NewArticle, type Store } from '../store.js';
import {
  ARTICLE_STATE_COLUMNS,
  isUniqueViolation,
  toArticle,
  toArticleState,
  type ArticleRow,
  type ArticleStateRow,
} from './rows.js';

type ArticleMethods = Pick<
  Store,
  | 'createArticle'
  | 'updateArticle'
  | 'getArticle'
  | 'getArticleBySlug'
  | 'getArticleState'
  | 'listArticles'
  | 'countArticles'
>;

const COLUMN_OF: Record<keyof ArticlePatch, string> = {
  slug: 'slug',
  title: 'title',
  body: 'body',
  motion: 'motion',
  positions: 'positions',
  publishedAt: 'published_at',
  slowModeSeconds: 'slow_mode_seconds',
  autoSlowModePerMinute: 'auto_slow_mode_per_minute',
  autoSlowModeSeconds: 'auto_slow_mode_seconds',
  premod: 'premod',
  commentsOpen: 'comments_open',
  bannedWords: 'banned_words',
  suspectWords: 'suspect_words',
  reportThreshold: 'report_threshold',
};

/** How each patched field is written to its column. */
function columnValue(key: keyof ArticlePatch, value: ArticlePatch[keyof ArticlePatch]): unknown {
  if (key === 'positions' || key === 'bannedWords' || key === 'suspectWords') return JSON.stringify(value);
  if (key === 'commentsOpen') return value ? 1 : 0;
  return value;
}

export function articleMethods(db: Database): ArticleMethods {
  const insert = db.prepare(
    `INSERT INTO articles (id, slug, title, body, motion, positions, published_at, created_by, created_at, updated_at, seq)
     VALUES (@id, @slug, @title, @body, @motion, @positions, @publishedAt, @createdBy, @createdAt, @updatedAt, 0)`,
  );
  const byId = db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE id = ?');
  const bySlug = db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE slug = ?');
  const stateById = db.prepare<[string], ArticleStateRow>(`SELECT ${ARTICLE_STATE_COLUMNS} FROM articles WHERE id = ?`);
  const newest = db.prepare<[number], ArticleRow>('SELECT * FROM articles ORDER BY created_at DESC, id DESC LIMIT ?');
  const olderThan = db.prepare<[string, string, string, number], ArticleRow>(
    `SELECT * FROM articles WHERE created_at < ? OR (created_at = ? AND id < ?)
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM articles');

  const withConflictAsSlug = <T>(write: () => T): T => {
    try {
      return write();
    } catch (err) {
      if (isUniqueViolation(err)) throw new StoreConflictError('slug');
      throw err;
    }
  };

  return {
    async createArticle(article: NewArticle): Promise<ArticleRecord> {
      const now = new Date().toISOString();
      const id = randomUUID();
      withConflictAsSlug(() =>
        insert.run({ ...article, id, positions: JSON.stringify(article.positions), createdAt: now, updatedAt: now }),
      );
      return toArticle(byId.get(id)!);
    },
    async updateArticle(id, patch) {
      const keys = (Object.keys(patch) as Array<keyof ArticlePatch>).filter((k) => patch[k] !== undefined);
      const sets = keys.map((k) => `${COLUMN_OF[k]} = @${k}`);
      const values: Record<string, unknown> = { id, updatedAt: new Date().toISOString() };
      for (const k of keys) values[k] = columnValue(k, patch[k]);
      const row = withConflictAsSlug(() =>
        db
          .prepare<[Record<string, unknown>], ArticleRow>(
            `UPDATE articles SET ${[...sets, 'updated_at = @updatedAt'].join(', ')} WHERE id = @id RETURNING *`,
          )
          .get(values),
      );
      return row ? toArticle(row) : null;
    },
    async getArticle(id) {
      const row = byId.get(id);
      return row ? toArticle(row) : null;
    },
    async getArticleBySlug(slug) {
      const row = bySlug.get(slug);
      return row ? toArticle(row) : null;
    },
    async getArticleState(id) {
      const row = stateById.get(id);
      return row ? toArticleState(row) : null;
    },
    async listArticles({ limit, after }) {
      const cursor = decodeCursor(after);
      const rows = cursor ? olderThan.all(cursor.time, cursor.time, cursor.id, limit + 1) : newest.all(limit + 1);
      const items = rows.slice(0, limit).map(toArticle);
      const last = items.at(-1);
      return { items, next: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null };
    },
    async countArticles() {
      return count.get()!.n;
    },
  };
}
