/** The `articles` collection: schema, record mapping and the article half of the Store. */
import { randomUUID } from 'node:crypto';
import type { MongoDoc } from './doc.js';
import { Schema, type Connection, type Model } from 'mongoose';
import { PREMOD_MODES, type PremodMode } from '../../../shared/types.js';
import type { ArticlePatch, ArticleRecord, Page, Store } from '../store.js';
import { nowIso, olderThan, pageSize, timePage } from './cursor.js';
import { mapConflict } from './errors.js';

/**
 * An article as stored: `seq` is bumped with $inc inside each change's transaction, `commentCount` in
 * the same $inc by createComment. Articles stored before the settings fields lack them (see toArticle).
 */
export type ArticleDoc = MongoDoc<ArticleRecord>;

const articleSchema = new Schema<ArticleDoc>(
  {
    _id: { type: String, default: () => randomUUID() },
    slug: { type: String, default: '' },
    title: { type: String, default: '' },
    body: { type: String, default: '' },
    motion: { type: String, default: null },
    positions: { type: [String], default: [] },
    publishedAt: { type: String, default: null },
    createdBy: { type: String, default: null },
    createdAt: { type: String, default: '' },
    updatedAt: { type: String, default: '' },
    seq: { type: Number, default: 0 },
    commentCount: { type: Number, default: 0 },
    slowModeSeconds: { type: Number, default: 0 },
    premod: { type: String, enum: PREMOD_MODES, default: 'off' },
    commentsOpen: { type: Boolean, default: true },
    bannedWords: { type: [String], default: [] },
    suspectWords: { type: [String], default: [] },
    reportThreshold: { type: Number, default: 3 },
  },
  { collection: 'articles', versionKey: false, strictQuery: true },
);
articleSchema.index({ slug: 1 }, { unique: true, name: 'articles_slug' });
articleSchema.index({ createdAt: -1, _id: -1 }, { name: 'articles_created' });

export type ArticleModel = Model<ArticleDoc>;

export const articleModel = (conn: Connection): ArticleModel => conn.model<ArticleDoc>('Article', articleSchema);

export const toArticle = (d: ArticleDoc): ArticleRecord => ({
  id: d._id,
  slug: d.slug,
  title: d.title,
  body: d.body,
  motion: d.motion ?? null,
  positions: Array.isArray(d.positions) ? d.positions.map(String) : [],
  publishedAt: d.publishedAt ?? null,
  createdBy: d.createdBy ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  seq: d.seq ?? 0,
  // Articles stored before these fields existed lack them (lean reads apply no schema defaults).
  commentCount: d.commentCount ?? 0,
  slowModeSeconds: d.slowModeSeconds ?? 0,
  premod: d.premod ?? 'off',
  commentsOpen: d.commentsOpen !== false,
  bannedWords: Array.isArray(d.bannedWords) ? d.bannedWords.map(String) : [],
  suspectWords: Array.isArray(d.suspectWords) ? d.suspectWords.map(String) : [],
  reportThreshold: d.reportThreshold ?? 3,
});

const orNull = (s: string | null | undefined): string | null => (s == null ? null : String(s));
const SLUG_CONFLICT = { slug: 'slug' } as const;

/** A whole number of at least 0 (slow mode seconds, report threshold); anything else is a caller bug, not a stored NaN. */
function toCount(value: unknown, field: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${field} must be a whole number of at least 0`);
  return n;
}

function toPremod(value: unknown): PremodMode {
  const mode = PREMOD_MODES.find((m) => m === String(value));
  if (!mode) throw new RangeError(`unknown premod mode: ${String(value)}`);
  return mode;
}

/** The patch as a plain $set of known fields only, each cast to its type. */
function patchToSet(patch: ArticlePatch): Partial<ArticleDoc> {
  const set: Partial<ArticleDoc> = {};
  if (patch.slug !== undefined) set.slug = String(patch.slug);
  if (patch.title !== undefined) set.title = String(patch.title);
  if (patch.body !== undefined) set.body = String(patch.body);
  if (patch.motion !== undefined) set.motion = orNull(patch.motion);
  if (patch.positions !== undefined) set.positions = Array.from(patch.positions, String);
  if (patch.publishedAt !== undefined) set.publishedAt = orNull(patch.publishedAt);
  if (patch.slowModeSeconds !== undefined) set.slowModeSeconds = toCount(patch.slowModeSeconds, 'slowModeSeconds');
  if (patch.premod !== undefined) set.premod = toPremod(patch.premod);
  if (patch.commentsOpen !== undefined) set.commentsOpen = Boolean(patch.commentsOpen);
  if (patch.bannedWords !== undefined) set.bannedWords = Array.from(patch.bannedWords, String);
  if (patch.suspectWords !== undefined) set.suspectWords = Array.from(patch.suspectWords, String);
  if (patch.reportThreshold !== undefined) set.reportThreshold = toCount(patch.reportThreshold, 'reportThreshold');
  return set;
}

type ArticleOps = Pick<
  Store,
  'createArticle' | 'updateArticle' | 'getArticle' | 'getArticleBySlug' | 'listArticles' | 'countArticles'
>;

export function articleOps(articles: ArticleModel): ArticleOps {
  return {
    async createArticle(article) {
      const now = nowIso();
      const doc: ArticleDoc = {
        _id: randomUUID(),
        slug: String(article.slug),
        title: String(article.title),
        body: String(article.body),
        motion: orNull(article.motion),
        positions: Array.from(article.positions ?? [], String),
        publishedAt: orNull(article.publishedAt),
        createdBy: orNull(article.createdBy),
        createdAt: now,
        updatedAt: now,
        seq: 0,
        commentCount: 0,
        slowModeSeconds: 0,
        premod: 'off',
        commentsOpen: true,
        bannedWords: [],
        suspectWords: [],
        reportThreshold: 3,
      };
      await mapConflict(() => articles.create(doc), SLUG_CONFLICT);
      return toArticle(doc);
    },

    async updateArticle(id, patch) {
      const set = { ...patchToSet(patch), updatedAt: nowIso() };
      const d = await mapConflict(
        () =>
          articles.findOneAndUpdate({ _id: String(id) }, { $set: set }, { returnDocument: 'after' }).lean<ArticleDoc>(),
        SLUG_CONFLICT,
      );
      return d ? toArticle(d) : null;
    },

    async getArticle(id) {
      const d = await articles.findOne({ _id: String(id) }).lean<ArticleDoc>();
      return d ? toArticle(d) : null;
    },

    async getArticleBySlug(slug) {
      const d = await articles.findOne({ slug: String(slug) }).lean<ArticleDoc>();
      return d ? toArticle(d) : null;
    },

    async listArticles({ limit, after }): Promise<Page<ArticleRecord>> {
      const size = pageSize(limit);
      if (size === 0) return { items: [], next: null };
      // Newest first; the next page starts strictly after the last (createdAt, id) of the previous one.
      const docs = await articles
        .find(olderThan('createdAt', after))
        .sort({ createdAt: -1, _id: -1 })
        .limit(size + 1)
        .lean<ArticleDoc[]>();
      return timePage(docs, size, (d) => d.createdAt, toArticle);
    },

    async countArticles() {
      return articles.countDocuments({});
    },
  };
}
