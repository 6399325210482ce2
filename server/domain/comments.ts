/** Reading comments: what each viewer may see of them (DESIGN rule 4), and pages of a thread. */
import type { CommentSort } from '../../shared/ranking.js';
import { isStaff, type Comment, type ModComment } from '../../shared/types.js';
import type { CommentRecord, Page } from '../store/store.js';
import type { Deps } from './deps.js';
import { AppError } from '../errors.js';
import type { Actor } from './users.js';

/** True when `viewer` may see bodies of removed or held comments: moderators, admins, the author. */
export function seesHidden(c: Pick<CommentRecord, 'authorId'>, viewer: Actor | null): boolean {
  return viewer !== null && (isStaff(viewer.role) || viewer.id === c.authorId);
}

/** True when `viewer` may not see this comment's body (DESIGN rule 4). */
export function isHiddenFrom(c: CommentRecord, viewer: Actor | null): boolean {
  return c.status === 'deleted' || ((c.status === 'removed' || c.status === 'held') && !seesHidden(c, viewer));
}

/**
 * The comment as `viewer` may see it: the body of a removed or held comment goes only to moderators,
 * admins and its author; a deleted comment has no body for anyone. A removed or held comment also
 * hides its author from readers, so a placeholder says nothing about who wrote what was removed.
 */
export function viewComment(c: CommentRecord, viewer: Actor | null): Comment {
  const hidden = isHiddenFrom(c, viewer);
  const anonymous = hidden && c.status !== 'deleted';
  return {
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    rootId: c.rootId,
    depth: c.depth,
    authorId: anonymous ? '' : c.authorId,
    authorName: anonymous ? '' : c.authorName,
    body: hidden ? '' : c.body,
    status: c.status,
    seq: c.seq,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    upvotes: c.upvotes,
    downvotes: c.downvotes,
    replyCount: c.replyCount,
    featured: c.featured,
    positionId: c.positionId,
    // The badge names who wrote it, so it goes wherever the author's name goes.
    ...(c.authorBadge && !anonymous && c.status !== 'deleted' ? { authorBadge: c.authorBadge } : {}),
  };
}

/** The moderators' view: everything, with the moderation fields. */
export function viewForModerator(c: CommentRecord): ModComment {
  return {
    ...viewComment(c, { id: '', name: '', role: 'moderator' }),
    modVersion: c.modVersion,
    reportCount: c.reportCount,
    approved: c.approved,
    holdReason: c.holdReason,
    removedReason: c.removedReason,
  };
}

/** A page of an article's top-level comments or of one comment's replies (HTTP reading). */
export async function listComments(
  deps: Deps,
  viewer: Actor | null,
  query: {
    slug: string;
    parentId?: string | undefined;
    after?: string | undefined;
    limit?: number | undefined;
    sort?: CommentSort | undefined;
  },
): Promise<Page<Comment>> {
  const article = await deps.store.getArticleBySlug(query.slug);
  if (!article) throw new AppError('NOT_FOUND', 'No such article.');
  const page = await deps.store.listComments({
    articleId: article.id,
    parentId: query.parentId ?? null,
    sort: query.sort ?? (query.parentId ? 'old' : 'best'),
    limit: query.limit ?? 50,
    ...(query.after !== undefined ? { after: query.after } : {}),
  });
  return { items: page.items.map((c) => viewComment(c, viewer)), next: page.next };
}
