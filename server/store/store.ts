/**
 * The one async store interface (DESIGN: store/). Two adapters implement it, SQLite and MongoDB,
 * and both pass the same contract suite (contract.ts). Domain code sees only these records.
 *
 * Guarantees every adapter gives:
 * - Each article change (comment created, edited, deleted ...) takes the article's next `seq` in
 *   the same atomic unit as the change and its change-log entry: no gaps, no duplicates.
 * - One vote per (comment, user); vote changes and the comment's tallies move together.
 * - Unique user names (case- and width-insensitive via `nameKey`), unique article slugs, single use of
 *   SSO token ids and refresh tokens.
 */
import type { ModerationPatch } from '../../shared/moderation.js';
import type { Page } from '../../shared/types.js';
export type { Page };
import type { CommentSort } from '../../shared/ranking.js';
import type { AccountSafetyStore } from './account-safety-store.js';
import type { ArticleStateStore } from './article-state-store.js';
export type { ArticleState } from './article-state-store.js';
import type { AutoSlowModeState, AutoSlowModeStore } from './auto-slow-mode-store.js';
import type { CollabStore } from './collab-store.js';
import type { CommentCountStore } from './comment-count-store.js';
import type { DebateStore } from './debate-store.js';
import type { GroundStore } from './ground-store.js';
import type { ProfileStore } from './profile-store.js';
import type { NotificationStore } from './notification-store.js';
import type { StatementStore } from './statement-store.js';
import type {
  Article,
  ArticleSettings,
  AuditEntry,
  ChangeEntry,
  ChangeKind,
  ModComment,
  ModQueue,
  Report,
  Role,
  Sanction,
  StaffBadge,
  VoteTally,
  VoteValue,
} from '../../shared/types.js';

export interface UserRecord {
  id: string;
  name: string;
  /** Normalised name used for uniqueness and sign-in lookup. */
  nameKey: string;
  /** scrypt hash string, or null for single sign-on users. */
  passwordHash: string | null;
  role: Role;
  email: string | null;
  ssoProvider: string | null;
  ssoSubject: string | null;
  createdAt: string;
}

export type NewUser = Omit<UserRecord, 'id' | 'createdAt'>;

/**
 * An article as stored: the public Article, its author, its comment count, its moderation settings
 * and where its automatic slow mode stands.
 */
export interface ArticleRecord extends Article, ArticleSettings, AutoSlowModeState {
  createdBy: string | null;
  /** Comments ever created under the article (kept by createComment). */
  commentCount: number;
}

export type NewArticle = Pick<
  ArticleRecord,
  'slug' | 'title' | 'body' | 'motion' | 'positions' | 'publishedAt' | 'createdBy'
>;
export type ArticlePatch = Partial<
  Pick<
    ArticleRecord,
    | 'slug'
    | 'title'
    | 'body'
    | 'motion'
    | 'positions'
    | 'publishedAt'
    | 'slowModeSeconds'
    | 'autoSlowModePerMinute'
    | 'autoSlowModeSeconds'
    | 'premod'
    | 'commentsOpen'
    | 'bannedWords'
    | 'suspectWords'
    | 'reportThreshold'
  >
>;

/**
 * A comment as stored: the moderators' view of it (shared/types.ts ModComment), every field included.
 * `modVersion` is bumped by every moderation action (compare-and-set for concurrent moderators).
 */
export type CommentRecord = ModComment;

export interface NewComment {
  articleId: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  /** The debate position it argues for (a position id of a debate on the article), if any. */
  positionId?: string | null;
  /** 'held' when pre-moderation or a suspect word keeps it for a moderator. Defaults to 'visible'. */
  status?: 'visible' | 'held';
  holdReason?: string | null;
  /** The author's staff badge as they post (server/domain/profiles.ts badgeFor); none when absent. */
  authorBadge?: StaffBadge | null;
}

/** The state a moderation action moves a comment to; only the fields given change. */
export interface ModerationInput {
  commentId: string;
  /** The modVersion the moderator saw; another action in between makes this one a conflict. */
  expectedVersion: number;
  kind: ChangeKind;
  patch: ModerationPatch;
  audit: Omit<AuditEntry, 'id' | 'articleId' | 'commentId' | 'before' | 'after' | 'at'>;
}

export interface QueueQuery {
  queue: ModQueue;
  /** One article, or every article when null. */
  articleId: string | null;
  limit: number;
  /** The `next` cursor of the previous page. */
  after?: string;
}

export interface AuditQuery {
  articleId?: string;
  commentId?: string;
  targetUserId?: string;
  /** Only what this moderator did (undo looks up their own entries). */
  actorId?: string;
  limit: number;
  after?: string;
}

export interface AuthorStanding {
  total: number;
  visible: number;
  held: number;
  removed: number;
  deleted: number;
}

/** A change committed together with its log entry. */
export interface Committed<T> {
  value: T;
  change: ChangeEntry;
}

export interface CommentPageQuery {
  articleId: string;
  /** null lists top-level comments; an id lists that comment's direct replies. */
  parentId: string | null;
  /**
   * Order: old/new by creation seq; top by score (up - down); best by the Wilson lower bound;
   * controversial by shared/ranking.ts. Ties break on seq, newest first (old: oldest first).
   */
  sort: CommentSort;
  /** The `next` cursor of the previous page (opaque; made by server/store/cursor.ts). */
  after?: string;
  limit: number;
  /** Only comments arguing for this debate position. */
  positionId?: string;
}

export interface VoteResult {
  previous: VoteValue;
  current: VoteValue;
  tally: VoteTally;
}

export interface RefreshTokenRecord {
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  expiresAt: string;
}

/**
 * The exclusive upper end of the key range that holds every string starting with `prefix`:
 * `key >= prefix AND key < prefixRangeEnd(prefix)`. Both databases compare strings by their UTF-8
 * bytes, and U+10FFFF encodes highest of all code points (F4 8F BF BF), so the range also holds keys
 * whose next character lies beyond U+FFFF (CJK Extension B letters, for instance); `prefix + '\uffff'`
 * (EF BF BF) would miss those. U+10FFFF is a noncharacter that display names cannot hold.
 */
export const prefixRangeEnd = (prefix: string): string => `${prefix}\u{10FFFF}`;

/** Raised by adapters when a uniqueness rule is broken, or a compare-and-set lost (`version`). */
export class StoreConflictError extends Error {
  constructor(readonly field: 'nameKey' | 'slug' | 'sso' | 'vote' | 'version' | 'report') {
    super(`unique constraint on ${field}`);
    this.name = 'StoreConflictError';
  }
}

/** Raised when a referenced record does not exist (article, parent comment ...). */
export class StoreNotFoundError extends Error {
  constructor(readonly what: 'article' | 'comment' | 'parent' | 'user' | 'statement') {
    super(`${what} not found`);
    this.name = 'StoreNotFoundError';
  }
}

export interface Store
  extends
    CollabStore,
    DebateStore,
    AutoSlowModeStore,
    StatementStore,
    GroundStore,
    ArticleStateStore,
    CommentCountStore,
    NotificationStore,
    ProfileStore,
    AccountSafetyStore {
  readonly kind: 'sqlite' | 'mongo';
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Users
  createUser(user: NewUser): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  getUserByNameKey(nameKey: string): Promise<UserRecord | null>;
  getUserBySso(provider: string, subject: string): Promise<UserRecord | null>;
  setUserRole(id: string, role: Role): Promise<UserRecord | null>;
  listUsers(query: { limit: number; after?: string }): Promise<Page<UserRecord>>;
  /**
   * Users whose `nameKey` starts with `prefix` (compared as stored: give a nameKey-normalised
   * prefix), in `nameKey` order, at most `limit` (none for a limit below 1). The prefix is matched
   * as a key range, never as a pattern, so no character in it is special.
   */
  findUsersByNamePrefix(prefix: string, limit: number): Promise<UserRecord[]>;
  countUsers(): Promise<number>;

  // Tokens
  /** Records an SSO token id; false if it was seen before (a replay). */
  claimSsoTokenId(jti: string, expiresAt: string): Promise<boolean>;
  saveRefreshToken(token: RefreshTokenRecord): Promise<void>;
  /** Deletes and returns the token in one step, so it can be used once only. */
  consumeRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  deleteRefreshTokensOfUser(userId: string): Promise<void>;

  // Articles
  createArticle(article: NewArticle): Promise<ArticleRecord>;
  updateArticle(id: string, patch: ArticlePatch): Promise<ArticleRecord | null>;
  getArticle(id: string): Promise<ArticleRecord | null>;
  getArticleBySlug(slug: string): Promise<ArticleRecord | null>;
  /** Newest first; `after` is the cursor of the previous page. */
  listArticles(query: { limit: number; after?: string }): Promise<Page<ArticleRecord>>;
  countArticles(): Promise<number>;

  // Comments and the change log
  createComment(comment: NewComment): Promise<Committed<CommentRecord>>;
  editComment(id: string, body: string, editedAt: string): Promise<Committed<CommentRecord> | null>;
  /** Marks the comment deleted by its author; the body is cleared, replies stay. */
  deleteComment(id: string): Promise<Committed<CommentRecord> | null>;
  getComment(id: string): Promise<CommentRecord | null>;
  getComments(ids: string[]): Promise<CommentRecord[]>;
  /** A page of comments in the asked order; a malformed cursor starts from the beginning. */
  listComments(query: CommentPageQuery): Promise<Page<CommentRecord>>;
  /**
   * Replies (depth > 0) under the given top-level comments, oldest first (by seq), at most `limit`.
   * Because the cut is by seq, each parent's loaded replies are a prefix of its replies by seq.
   */
  listRepliesOfRoots(articleId: string, rootIds: string[], limit: number): Promise<CommentRecord[]>;
  /** Change-log entries with seq > sinceSeq, oldest first, at most `limit`. */
  changesSince(articleId: string, sinceSeq: number, limit: number): Promise<ChangeEntry[]>;

  // Votes
  /**
   * Sets the user's vote (0 retracts) and returns the exact tally after it. The comment's ranking
   * keys (shared/ranking.ts rankKeys: score, best, controversy) move in the same atomic unit.
   */
  castVote(commentId: string, userId: string, value: VoteValue): Promise<VoteResult>;
  getVotes(commentIds: string[], userId: string): Promise<Map<string, VoteValue>>;

  // Moderation
  /**
   * Applies a moderation action atomically: only if the comment's modVersion still equals
   * `expectedVersion` (else StoreConflictError('version')); bumps modVersion, takes the article's next
   * seq, appends the change-log entry and the audit entry (with before and after of status,
   * featured and approved), all in one unit. null if the comment does not exist.
   */
  moderateComment(input: ModerationInput): Promise<{ committed: Committed<CommentRecord>; audit: AuditEntry } | null>;
  /** One report per user per comment (StoreConflictError('report') for a second); returns the new count. */
  addReport(report: Report): Promise<number>;
  listReports(commentId: string): Promise<Report[]>;
  /**
   * A moderation queue, newest first (by createdAt, then id): pending = held; reported = visible,
   * not approved, reportCount > 0; new = every comment; removed = removed; featured = featured.
   */
  listQueue(query: QueueQuery): Promise<Page<CommentRecord>>;
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** Audit entries newest first, filtered by any of article, comment and target user. */
  listAudit(query: AuditQuery): Promise<Page<AuditEntry>>;
  /** An author's comments, newest first. */
  listCommentsByAuthor(userId: string, query: { limit: number; after?: string }): Promise<Page<CommentRecord>>;
  authorStanding(userId: string): Promise<AuthorStanding>;
  /** Comments of the author that passed moderation: visible, or deleted by the author (for "first posts" pre-moderation). */
  countApprovedComments(userId: string): Promise<number>;

  // Sanctions
  createSanction(sanction: Omit<Sanction, 'id' | 'acknowledgedAt' | 'liftedAt'>): Promise<Sanction>;
  /** Every sanction of the user, newest first. */
  listSanctions(userId: string): Promise<Sanction[]>;
  getSanction(id: string): Promise<Sanction | null>;
  liftSanction(id: string, at: string): Promise<Sanction | null>;
  acknowledgeSanction(id: string, userId: string, at: string): Promise<Sanction | null>;
}

export type { ChangeKind };
