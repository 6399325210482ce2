/**
 * What makes a notification (issue 15): a reply, an @mention, a moderator's action on one's comment,
 * a followed debate going live. Called by the use cases that commit those changes, after the commit.
 *
 * Why before the acknowledgement rather than queued: the work is a few indexed reads (the parent is
 * already in hand; one name lookup per @mention, at most MAX_MENTIONS) and one batch insert, so it
 * costs about what the comment's own write costs on SQLite, and a comment without a parent or an
 * `@` costs nothing. Done in line, a notification is stored before the author hears "posted", so a
 * crash cannot lose it between the two; a queue would need its own durable log to promise that.
 * A failure here is logged and never fails the comment or the action: they are committed already.
 */
import { mentionCandidates, type NotifiedModAction } from '../../../shared/notifications.js';
import type { ModAction } from '../../../shared/types.js';
import type { NewNotification } from '../../store/notification-store.js';
import type { CommentRecord } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { nameKeyOf, type Actor } from '../users.js';
import { deliverNotifications } from './deliver.js';
import { excerptOf } from './excerpt.js';

/** Distinct @mentions looked up per comment; more are ignored (a list of names is not a conversation). */
export const MAX_MENTIONS = 5;

interface ArticleRef {
  id: string;
  slug: string;
  title: string;
}

/** Runs a notification step; a failure is logged and swallowed (the change it follows stands). */
async function safely(deps: Deps, what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    deps.log.error({ err }, `notifications: ${what} failed; the change itself stands`);
  }
}

/** The users the comment @mentions, by the names they are stored under, without repeats. */
async function mentionedUsers(deps: Deps, body: string): Promise<Array<{ id: string }>> {
  const found = new Map<string, { id: string }>();
  for (const names of mentionCandidates(body, MAX_MENTIONS)) {
    for (const name of names) {
      const user = await deps.store.getUserByNameKey(nameKeyOf(name));
      if (user) {
        found.set(user.id, user);
        break;
      }
    }
  }
  return [...found.values()];
}

/**
 * A visible comment was posted (or a held one approved): its parent's author hears of the reply,
 * each user it @mentions hears of the mention. One notification per user per comment (a reply that
 * also mentions the parent's author is a reply), none to the comment's own author.
 */
export async function notifyAboutComment(deps: Deps, comment: CommentRecord, article: ArticleRef): Promise<void> {
  if (comment.status !== 'visible') return;
  const mayMention = comment.body.includes('@');
  if (!comment.parentId && !mayMention) return;
  await safely(deps, 'reply or mention', async () => {
    const base = {
      createdAt: deps.now().toISOString(),
      actorName: comment.authorName,
      articleId: article.id,
      articleSlug: article.slug,
      articleTitle: article.title,
      commentId: comment.id,
      debateId: null,
      action: null,
      reason: null,
      excerpt: excerptOf(comment.body),
    };
    const told = new Set<string>([comment.authorId]);
    const out: NewNotification[] = [];
    if (comment.parentId) {
      const parent = await deps.store.getComment(comment.parentId);
      if (parent && !told.has(parent.authorId) && parent.status !== 'deleted') {
        told.add(parent.authorId);
        out.push({ ...base, userId: parent.authorId, kind: 'reply' });
      }
    }
    if (mayMention)
      for (const user of await mentionedUsers(deps, comment.body)) {
        if (told.has(user.id)) continue;
        told.add(user.id);
        out.push({ ...base, userId: user.id, kind: 'mention' });
      }
    await deliverNotifications(deps, out);
  });
}

const NOTIFIED: Partial<Record<ModAction, NotifiedModAction>> = {
  remove: 'removed',
  restore: 'restored',
  hold: 'held',
  approve: 'approved',
};

/**
 * A moderator acted on a comment: its author hears what was done and why (the reason given; for a
 * hold without one, the hold's reason). Approving is told only when it releases a held comment (an
 * approved report changes nothing the author sees). A held comment released for the first time
 * also sends its reply and mention notifications now, as it would have when posted.
 */
export async function notifyAboutModeration(
  deps: Deps,
  input: { before: CommentRecord; after: CommentRecord; actor: Actor; action: ModAction; reason: string | null },
): Promise<void> {
  const { before, after, actor } = input;
  const action = NOTIFIED[input.action];
  const releasedHeld = before.status === 'held' && after.status === 'visible';
  if (!action || (action === 'approved' && !releasedHeld)) return;
  let article: ArticleRef | null = null;
  await safely(deps, 'moderation', async () => {
    article = await deps.store.getArticle(after.articleId);
    if (!article || actor.id === after.authorId) return;
    await deliverNotifications(deps, [
      {
        userId: after.authorId,
        kind: 'moderation',
        createdAt: deps.now().toISOString(),
        actorName: actor.name,
        articleId: article.id,
        articleSlug: article.slug,
        articleTitle: article.title,
        commentId: after.id,
        debateId: null,
        action,
        reason: input.reason ?? (action === 'held' ? after.holdReason : null),
        excerpt: excerptOf(after.body),
      },
    ]);
  });
  // Never edited: held since it was posted, so nobody has heard of it yet (an edit-hold was visible before).
  if (releasedHeld && after.editedAt === null && article) await notifyAboutComment(deps, after, article);
}

/** A debate went live: everyone following it hears, except its host (who started it). */
export async function notifyDebateLive(deps: Deps, debateId: string): Promise<void> {
  await safely(deps, 'debate live', async () => {
    const debate = await deps.store.getDebate(debateId);
    if (!debate) return;
    const followers = (await deps.store.listDebateFollowers(debateId)).filter((id) => id !== debate.hostId);
    if (followers.length === 0) return;
    const article = await deps.store.getArticle(debate.articleId);
    const createdAt = deps.now().toISOString();
    await deliverNotifications(
      deps,
      followers.map((userId) => ({
        userId,
        kind: 'debate' as const,
        createdAt,
        actorName: null,
        articleId: debate.articleId,
        articleSlug: article?.slug ?? null,
        articleTitle: article?.title ?? null,
        commentId: null,
        debateId,
        action: null,
        reason: null,
        excerpt: excerptOf(debate.motion),
      })),
    );
  });
}
