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
}

export type VoteValue = -1 | 0 | 1;

export interface VoteTally {
  commentId: string;
  upvotes: number;
  downvotes: number;
}

export const CHANGE_KINDS = ['comment.created', 'comment.edited', 'comment.deleted'] as const;
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
