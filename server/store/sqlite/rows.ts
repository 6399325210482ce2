/** Row shapes of the SQLite tables and their mapping to store records. */
import type { ChangeEntry, ChangeKind, CommentStatus, PremodMode, Role, StaffBadge } from '../../../shared/types.js';
import type { ArticleRecord, ArticleState, CommentRecord, UserRecord } from '../store.js';

export interface UserRow {
  id: string;
  name: string;
  name_key: string;
  password_hash: string | null;
  role: Role;
  email: string | null;
  sso_provider: string | null;
  sso_subject: string | null;
  created_at: string;
}

export const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  nameKey: r.name_key,
  passwordHash: r.password_hash,
  role: r.role,
  email: r.email,
  ssoProvider: r.sso_provider,
  ssoSubject: r.sso_subject,
  createdAt: r.created_at,
});

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  motion: string | null;
  positions: string;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  seq: number;
  comment_count: number;
  slow_mode_seconds: number;
  auto_slow_mode_per_minute: number;
  auto_slow_mode_seconds: number;
  auto_slow_mode_since: string | null;
  auto_slow_mode_calm_since: string | null;
  premod: PremodMode;
  comments_open: number;
  banned_words: string;
  suspect_words: string;
  report_threshold: number;
}

/** The columns getArticleState reads (no body, no word lists). */
export type ArticleStateRow = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'seq'
  | 'comment_count'
  | 'comments_open'
  | 'slow_mode_seconds'
  | 'auto_slow_mode_per_minute'
  | 'auto_slow_mode_seconds'
  | 'auto_slow_mode_since'
>;

export const ARTICLE_STATE_COLUMNS =
  'id, slug, seq, comment_count, comments_open, slow_mode_seconds, auto_slow_mode_per_minute, auto_slow_mode_seconds, auto_slow_mode_since';

export const toArticleState = (r: ArticleStateRow): ArticleState => ({
  id: r.id,
  slug: r.slug,
  seq: r.seq,
  commentCount: r.comment_count,
  commentsOpen: r.comments_open === 1,
  slowModeSeconds: r.slow_mode_seconds,
  autoSlowModePerMinute: r.auto_slow_mode_per_minute,
  autoSlowModeSeconds: r.auto_slow_mode_seconds,
  autoSlowModeSince: r.auto_slow_mode_since,
});

export const toArticle = (r: ArticleRow): ArticleRecord => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  body: r.body,
  motion: r.motion,
  positions: JSON.parse(r.positions) as string[],
  publishedAt: r.published_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  seq: r.seq,
  commentCount: r.comment_count,
  slowModeSeconds: r.slow_mode_seconds,
  autoSlowModePerMinute: r.auto_slow_mode_per_minute,
  autoSlowModeSeconds: r.auto_slow_mode_seconds,
  autoSlowModeSince: r.auto_slow_mode_since,
  autoSlowModeCalmSince: r.auto_slow_mode_calm_since,
  premod: r.premod,
  commentsOpen: r.comments_open === 1,
  bannedWords: JSON.parse(r.banned_words) as string[],
  suspectWords: JSON.parse(r.suspect_words) as string[],
  reportThreshold: r.report_threshold,
});

export interface CommentRow {
  id: string;
  article_id: string;
  parent_id: string | null;
  root_id: string;
  depth: number;
  author_id: string;
  author_name: string;
  body: string;
  status: CommentStatus;
  seq: number;
  created_at: string;
  edited_at: string | null;
  upvotes: number;
  downvotes: number;
  reply_count: number;
  featured: number;
  approved: number;
  mod_version: number;
  report_count: number;
  hold_reason: string | null;
  removed_reason: string | null;
  position_id: string | null;
  /** Migration 12; null for everyone but staff. */
  author_badge: StaffBadge | null;
}

export const toComment = (r: CommentRow): CommentRecord => ({
  id: r.id,
  articleId: r.article_id,
  parentId: r.parent_id,
  rootId: r.root_id,
  depth: r.depth,
  authorId: r.author_id,
  authorName: r.author_name,
  body: r.body,
  status: r.status,
  seq: r.seq,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  upvotes: r.upvotes,
  downvotes: r.downvotes,
  replyCount: r.reply_count,
  featured: r.featured === 1,
  approved: r.approved === 1,
  modVersion: r.mod_version,
  reportCount: r.report_count,
  holdReason: r.hold_reason,
  removedReason: r.removed_reason,
  positionId: r.position_id,
  ...(r.author_badge ? { authorBadge: r.author_badge } : {}),
});

export interface ChangeRow {
  article_id: string;
  seq: number;
  kind: ChangeKind;
  comment_id: string | null;
  at: string;
}

export const toChange = (r: ChangeRow): ChangeEntry => ({
  articleId: r.article_id,
  seq: r.seq,
  kind: r.kind,
  commentId: r.comment_id ?? '',
  at: r.at,
});

/** True when better-sqlite3 reports a UNIQUE or PRIMARY KEY violation. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
