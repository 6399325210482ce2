/**
 * The audit log as moderators read it (issue 15): each entry names the comment (an excerpt), the
 * user and the article it concerns, and every new entry reaches every open desk live (bus
 * `auditEntry`, emitted as `mod:audited` to the desk room through socket.io's adapter, so a desk on
 * any process hears it).
 */
import { AUDIT_EXCERPT_CHARS, type AuditView } from '../../../shared/moderation.js';
import type { AuditEntry } from '../../../shared/types.js';
import type { Deps } from '../deps.js';

/** The start of a body, on one line, cut at a word where it can be. */
export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= AUDIT_EXCERPT_CHARS) return flat;
  const cut = flat.slice(0, AUDIT_EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > AUDIT_EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The entries with what they name looked up once each (comments, articles, users). */
export async function auditViews(deps: Deps, entries: AuditEntry[]): Promise<AuditView[]> {
  const commentIds = [...new Set(entries.map((e) => e.commentId).filter((id): id is string => !!id))];
  const comments = new Map((await deps.store.getComments(commentIds)).map((c) => [c.id, c]));
  const articleIds = new Set<string>();
  for (const e of entries) {
    const articleId = e.articleId ?? (e.commentId ? comments.get(e.commentId)?.articleId : undefined);
    if (articleId) articleIds.add(articleId);
  }
  const articles = new Map<string, AuditView['article']>();
  for (const id of articleIds) {
    const a = await deps.store.getArticle(id);
    articles.set(id, a ? { id: a.id, slug: a.slug, title: a.title } : { id, slug: '', title: '' });
  }
  const users = new Map<string, string>();
  for (const id of new Set(entries.map((e) => e.targetUserId).filter((id): id is string => !!id))) {
    const u = await deps.store.getUser(id);
    if (u) users.set(id, u.name);
  }
  return entries.map((e) => {
    const c = e.commentId ? comments.get(e.commentId) : undefined;
    const articleId = e.articleId ?? c?.articleId ?? null;
    const name = e.targetUserId ? (users.get(e.targetUserId) ?? c?.authorName) : undefined;
    return {
      ...e,
      comment: c ? { id: c.id, excerpt: excerptOf(c.body), status: c.status } : null,
      article: articleId ? (articles.get(articleId) ?? null) : null,
      targetUser: e.targetUserId && name !== undefined ? { id: e.targetUserId, name } : null,
    };
  });
}

/** Sends a committed audit entry to every open desk; runs after the commit (DESIGN rule 1). */
export async function announceAudit(deps: Deps, entry: AuditEntry): Promise<AuditView> {
  const [view] = await auditViews(deps, [entry]);
  await deps.bus.publish('auditEntry', { entry: view! });
  return view!;
}
