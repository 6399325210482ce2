/** What the moderation desk reads: queues, a comment in context, the audit log, a user's history. */
import type { CommentContext, QueueItem, UserHistory } from '../../../shared/events.js';
import type { AuditView, ReportReasonCounts } from '../../../shared/moderation.js';
import type { ModQueue } from '../../../shared/types.js';
import type { Page } from '../../store/store.js';
import { viewForModerator } from '../comments.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, toPublicUser, type Actor } from '../users.js';
import { auditViews } from './audit.js';
import { activeSanctions } from './standing.js';

export async function readQueue(
  deps: Deps,
  actor: Actor | null,
  query: {
    queue: ModQueue;
    articleId?: string | null | undefined;
    after?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<QueueItem>> {
  requireRole(actor, 'moderator');
  const page = await deps.store.listQueue({
    queue: query.queue,
    articleId: query.articleId ?? null,
    limit: query.limit ?? 30,
    ...(query.after ? { after: query.after } : {}),
  });
  const articles = new Map<string, QueueItem['article']>();
  for (const id of new Set(page.items.map((c) => c.articleId))) {
    const a = await deps.store.getArticle(id);
    if (a) articles.set(id, { id: a.id, slug: a.slug, title: a.title });
  }
  const items: QueueItem[] = [];
  for (const c of page.items) {
    const item: QueueItem = {
      comment: viewForModerator(c),
      article: articles.get(c.articleId) ?? { id: c.articleId, slug: '', title: '' },
    };
    // Why readers reported it, at a glance on the queue item (issue 15).
    if (c.reportCount > 0) item.reasons = await reportReasons(deps, c.id);
    items.push(item);
  }
  return { items, next: page.next };
}

/** A comment's reports counted per reason. */
export async function reportReasons(deps: Deps, commentId: string): Promise<ReportReasonCounts> {
  const counts: ReportReasonCounts = {};
  for (const r of await deps.store.listReports(commentId)) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}

export async function readUserHistory(deps: Deps, actor: Actor | null, userId: string): Promise<UserHistory> {
  requireRole(actor, 'moderator');
  const user = await deps.store.getUser(userId);
  const sanctions = await deps.store.listSanctions(userId);
  const recent = await deps.store.listCommentsByAuthor(userId, { limit: 10 });
  return {
    user: user ? toPublicUser(user) : null,
    standing: await deps.store.authorStanding(userId),
    sanctions,
    active: activeSanctions(sanctions, deps.now()),
    recent: recent.items.map(viewForModerator),
  };
}

export async function readCommentContext(deps: Deps, actor: Actor | null, commentId: string): Promise<CommentContext> {
  requireRole(actor, 'moderator');
  const comment = await deps.store.getComment(commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  const parent = comment.parentId ? await deps.store.getComment(comment.parentId) : null;
  const article = await deps.store.getArticle(comment.articleId);
  return {
    comment: viewForModerator(comment),
    parent: parent ? viewForModerator(parent) : null,
    article: article
      ? { id: article.id, slug: article.slug, title: article.title }
      : { id: comment.articleId, slug: '', title: '' },
    author: await readUserHistory(deps, actor, comment.authorId),
    reports: await deps.store.listReports(comment.id),
    audit: await auditViews(deps, (await deps.store.listAudit({ commentId: comment.id, limit: 50 })).items),
  };
}

export async function readAudit(
  deps: Deps,
  actor: Actor | null,
  query: {
    articleId?: string | undefined;
    commentId?: string | undefined;
    userId?: string | undefined;
    after?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<AuditView>> {
  requireRole(actor, 'moderator');
  const page = await deps.store.listAudit({
    limit: query.limit ?? 50,
    ...(query.articleId ? { articleId: query.articleId } : {}),
    ...(query.commentId ? { commentId: query.commentId } : {}),
    ...(query.userId ? { targetUserId: query.userId } : {}),
    ...(query.after ? { after: query.after } : {}),
  });
  return { items: await auditViews(deps, page.items), next: page.next };
}
