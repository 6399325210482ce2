/** The `articles` collection: schema, record mapping and the article half of the Store. */
import { randomUUID } from 'node:crypto';
import type { MongoDoc } from './doc.js';
import { Schema, type Connection, type Model } from 'mongoose';
import { PREMOD_MODES, type PremodMode } from '../../../shared/types.js';
import type { ArticlePatch, ArticleRecord, ArticleState, Page, Store } from '../store.js';
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
    autoSlowModePerMinute: { type: Number, default: 0 },
    autoSlowModeSeconds: { type: Number, default: 30 },
    autoSlowModeSince: { type: String, default: null },
    autoSlowModeCalmSince: { type: String, default: null },
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
// listAutoSlowModeEngaged: only the few articles whose automatic slow mode is engaged are indexed.
articleSchema.index(
  { autoSlowModeSince: 1 },
  { name: 'articles_autoSlowMode', partialFilterExpression: { autoSlowModeSince: { $type: 'string' } } },
);

export type ArticleModel = Model<ArticleDoc>;

export const articleModel = (conn: Connection): ArticleModel => conn.model<ArticleDoc>('Article', articleSchema);

/** The fields getArticleState reads (a projection: no body, no word lists; `_id` comes anyway). */
const STATE_FIELDS = {
  slug: 1,
  seq: 1,
  commentCount: 1,
  commentsOpen: 1,
  slowModeSeconds: 1,
  autoSlowModePerMinute: 1,
  autoSlowModeSeconds: 1,
  autoSlowModeSince: 1,
} as const satisfies Partial<Record<keyof ArticleDoc, 1>>;

type ArticleStateDoc = Pick<ArticleDoc, '_id' | keyof typeof STATE_FIELDS>;

/** Also the state half of toArticle, so both read a field the same way (defaults included). */
export const toArticleState = (d: ArticleStateDoc): ArticleState => ({
  id: d._id,
  slug: d.slug,
  seq: d.seq ?? 0,
  // Articles stored before these fields existed lack them (lean reads apply no schema defaults).
  commentCount: d.commentCount ?? 0,
  commentsOpen: d.commentsOpen !== false,
  slowModeSeconds: d.slowModeSeconds ?? 0,
  autoSlowModePerMinute: d.autoSlowModePerMinute ?? 0,
  autoSlowModeSeconds: d.autoSlowModeSeconds ?? 30,
  autoSlowModeSince: d.autoSlowModeSince ?? null,
});

export const toArticle = (d: ArticleDoc): ArticleRecord => ({
  ...toArticleState(d),
  title: d.title,
  body: d.body,
  motion: d.motion ?? null,
  positions: Array.isArray(d.positions) ? d.positions.map(String) : [],
  publishedAt: d.publishedAt ?? null,
  createdBy: d.createdBy ?? null,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  autoSlowModeCalmSince: d.autoSlowModeCalmSince ?? null,
  premod: d.premod ?? 'off',
  bannedWords: Array.isArray(d.bannedWords) ? d.bannedWords.map(String) : [],
  suspectWords: Array.isArray(d.suspectWords) ? d.suspectWords.map(String) : [],
  reportThreshold: d.reportThreshold ?? 3,
});

const orNull = (s: string | null | undefined): string | null => (s == null ? null : String(s));
const SLUG_CONFLICT = { slug: 'slug' } as const;

/** A whole number of at least 0 (slow-mode settings, report threshold); anything else is a caller bug, not a stored NaN. */
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
  if (patch.autoSlowModePerMinute !== undefined)
    set.autoSlowModePerMinute = toCount(patch.autoSlowModePerMinute, 'autoSlowModePerMinute');
  if (patch.autoSlowModeSeconds !== undefined)
    set.autoSlowModeSeconds = toCount(patch.autoSlowModeSeconds, 'autoSlowModeSeconds');
  if (patch.premod !== undefined) set.premod = toPremod(patch.premod);
  if (patch.commentsOpen !== undefined) set.commentsOpen = Boolean(patch.commentsOpen);
  if (patch.bannedWords !== undefined) set.bannedWords = Array.from(patch.bannedWords, String);
  if (patch.suspectWords !== undefined) set.suspectWords = Array.from(patch.suspectWords, String);
  if (patch.reportThreshold !== undefined) set.reportThreshold = toCount(patch.reportThreshold, 'reportThreshold');
  return set;
}

type ArticleOps = Pick<
  Store,
  | 'createArticle'
  | 'updateArticle'
  | 'getArticle'
  | 'getArticleBySlug'
  | 'getArticleState'
  | 'listArticles'
  | 'countArticles'
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
        autoSlowModePerMinute: 0,
        autoSlowModeSeconds: 30,
        autoSlowModeSince: null,
        autoSlowModeCalmSince: null,
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

    async getArticleState(id) {
      const d = await articles.findOne({ _id: String(id) }, STATE_FIELDS).lean<ArticleStateDoc>();
      return d ? toArticleState(d) : null;
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
