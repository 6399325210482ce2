/** Domain types both sides see. Ids are opaque strings in every store. Times are ISO-8601 strings. */
import type { DebateStatus } from './debate/model.js';

/**
 * Global roles, lowest first. `host` sits between reader and moderator: a reader who may also
 * create debates (and host them) without moderating anything. A role, not a per-article list,
 * because hosting is a trust an admin gives a person once, like the other roles, through the same
 * route and CLI, and it travels in the token with no extra lookup; a host is a reader everywhere
 * else (see isStaff).
 */
export const ROLES = ['reader', 'host', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Moderators and admins: who see held and removed bodies, run the desk, skip slow mode and
 * pre-moderation. Readers and hosts are not staff.
 */
export function isStaff(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}

/** A user as anyone may see them. */
export interface PublicUser {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** The signed-in user's own view (adds private fields). */
export interface SelfUser extends PublicUser {
  email: string | null;
  ssoProvider: string | null;
}

export interface Article {
  id: string;
  slug: string;
  title: string;
  /** Markdown, rendered by the client through a sanitiser. */
  body: string;
  /** Debate motion, if the article hosts a debate. */
  motion: string | null;
  /** Debate positions, for example ["Pakistan", "Afghanistan"]. */
  positions: string[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Last sequence number used by the article's change log (DESIGN rule 2). */
  seq: number;
}

/** The debate an article list shows beside an article: its current one (shared/debate/current.ts). */
export interface CurrentDebateNote {
  id: string;
  motion: string;
  status: DebateStatus;
}

/**
 * An article in a list: no body, the debate it hosts now (null: none under way or to come), and how
 * many debates it has (held, under way or scheduled; its `motion` is only a proposal while that is 0).
 * `commentCount`: the comments a reader can see (status `visible`; not removed, held or deleted).
 * GET /api/articles always sends it; optional only because the domain's summary is made before the
 * route counts (server/http/routes/articles.ts).
 */
export type ArticleSummary = Omit<Article, 'body'> & {
  currentDebate: CurrentDebateNote | null;
  debateCount: number;
  commentCount?: number;
};

/**
 * What the front page shows live of one article (`front:watch`, `front:stats`): the comments a
 * reader can see, the people who have it open now, and its current debate. In `front:stats` only
 * the parts that changed are present: `commentCount`; `readers`; `currentDebate` with `debateCount`.
 */
export interface FrontArticleStats {
  articleId: string;
  commentCount?: number;
  readers?: number;
  currentDebate?: CurrentDebateNote | null;
  debateCount?: number;
}

export const COMMENT_STATUSES = ['visible', 'deleted', 'removed', 'held'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export interface Comment {
  id: string;
  articleId: string;
  /** null for a top-level comment. */
  parentId: string | null;
  /** Id of the top-level comment of this thread (itself for top-level). */
  rootId: string;
  depth: number;
  authorId: string;
  authorName: string;
  /** Empty when the body must not be shown to this viewer (DESIGN rule 4). */
  body: string;
  status: CommentStatus;
  /** Sequence number of the change that created the comment: a stable order and paging key. */
  seq: number;
  createdAt: string;
  editedAt: string | null;
  upvotes: number;
  downvotes: number;
  replyCount: number;
  /** Pinned by a moderator above the thread. */
  featured: boolean;
  /** The debate position the comment argues for, if its author chose one. */
  positionId: string | null;
  /** A staff badge beside the author's name (absent for everyone else; see StaffBadge). */
  authorBadge?: StaffBadge;
}

/**
 * The badge a comment carries from its author's standing when it was posted: a moderator or an
 * admin anywhere, a host on the article of a debate they host. Readers can tell staff apart by it.
 */
export const STAFF_BADGES = ['moderator', 'admin', 'host'] as const;
export type StaffBadge = (typeof STAFF_BADGES)[number];

/** What moderators see of a comment besides the public fields. */
export interface ModComment extends Comment {
  /** Bumped by every moderation action: an action names the version it was decided on. */
  modVersion: number;
  reportCount: number;
  /** A moderator approved it: reports no longer queue it. */
  approved: boolean;
  /** Why it is held (pre-moderation, a suspect word, reports). */
  holdReason: string | null;
  removedReason: string | null;
}

export const MOD_ACTIONS = ['remove', 'restore', 'approve', 'hold', 'feature', 'unfeature'] as const;
export type ModAction = (typeof MOD_ACTIONS)[number];

export const REPORT_REASONS = ['spam', 'abuse', 'off_topic', 'illegal', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const MOD_QUEUES = ['pending', 'reported', 'new', 'removed', 'featured'] as const;
export type ModQueue = (typeof MOD_QUEUES)[number];

export const PREMOD_MODES = ['off', 'all', 'new-users', 'links'] as const;
export type PremodMode = (typeof PREMOD_MODES)[number];

/** Per-article moderation settings. */
export interface ArticleSettings {
  premod: PremodMode;
  commentsOpen: boolean;
  slowModeSeconds: number;
  /**
   * Automatic slow mode: it engages by itself when the article gets at least this many comments in
   * a minute, and lifts once the rate has stayed below half of it for a minute. 0 turns it off.
   */
  autoSlowModePerMinute: number;
  /** The seconds between a reader's comments while automatic slow mode is engaged. */
  autoSlowModeSeconds: number;
  /** Words that refuse a comment outright. */
  bannedWords: string[];
  /** Words that hold a comment for a moderator. */
  suspectWords: string[];
  /** Reports that hold a comment automatically. */
  reportThreshold: number;
}

export const SANCTION_KINDS = ['warn', 'mute', 'ban'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export interface Sanction {
  id: string;
  userId: string;
  kind: SanctionKind;
  reason: string;
  /** End of a mute or a timed ban; null for a warning or a permanent ban. */
  until: string | null;
  actorId: string;
  createdAt: string;
  /** A warning must be acknowledged before the user posts again. */
  acknowledgedAt: string | null;
  liftedAt: string | null;
}

export interface AuditEntry {
  id: string;
  /** What was acted on. */
  articleId: string | null;
  commentId: string | null;
  targetUserId: string | null;
  actorId: string;
  actorName: string;
  /** `undo`: a moderator took back their own earlier action (before/after tell which). */
  action:
    | ModAction
    | `sanction.${SanctionKind}`
    | 'sanction.lift'
    | 'settings'
    | 'undo'
    // An admin changed a role or issued a one-time reset link (issue 15, /admin/users).
    | 'user.role'
    | 'user.reset-link';
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

export interface Report {
  commentId: string;
  userId: string;
  reason: ReportReason;
  note: string | null;
  at: string;
}

export type VoteValue = -1 | 0 | 1;

export interface VoteTally {
  commentId: string;
  upvotes: number;
  downvotes: number;
}

export const CHANGE_KINDS = [
  'comment.created',
  'comment.edited',
  'comment.deleted',
  'comment.removed',
  'comment.restored',
  'comment.approved',
  'comment.held',
  'comment.featured',
  'comment.unfeatured',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One entry of an article's change log. It names what changed, never carries a body, so a
 * replay after a removal cannot leak the removed text (DESIGN rule 4).
 */
export interface ChangeEntry {
  articleId: string;
  seq: number;
  kind: ChangeKind;
  commentId: string;
  at: string;
}

/** One page of a list; `next` is the cursor of the next page (`after=`), null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}
