/** Domain types both sides see. Ids are opaque strings in every store. Times are ISO-8601 strings. */

export const ROLES = ['reader', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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

export type ArticleSummary = Omit<Article, 'body'>;

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
}

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
  action: ModAction | `sanction.${SanctionKind}` | 'sanction.lift' | 'settings';
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
