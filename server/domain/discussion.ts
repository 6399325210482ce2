/**
 * Writing to a discussion: post, edit, delete, vote. Each write is committed (with its seq) before
 * it is published on the bus, and the caller's acknowledgement carries the stored result
 * (DESIGN rule 1).
 */
import type { ArticleChange, VoteResultData } from '../../shared/events.js';
import { LIMITS } from '../../shared/schemas.js';
import { isStaff, type VoteValue } from '../../shared/types.js';
import { StoreConflictError, StoreNotFoundError, type CommentRecord, type Committed } from '../store/store.js';
import { viewComment } from './comments.js';
import type { Deps } from './deps.js';
import { AppError } from '../errors.js';
import { admitComment } from './moderation/policy.js';
import { notifyAboutComment } from './notifications/triggers.js';
import { assertMayWrite } from './moderation/standing.js';
import { badgeFor } from './profiles.js';
import { slowModeInForce } from './slow-mode.js';
import { findArticle } from './thread.js';
import type { Actor } from './users.js';

function signedInActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to take part.');
  return actor;
}

async function refuseIfLimited(wait: Promise<number>, code: 'RATE_LIMITED' | 'SLOW_MODE', what: string): Promise<void> {
  const ms = await wait;
  if (ms > 0)
    throw new AppError(code, `${what} Try again in ${Math.ceil(ms / 1000)} s.`, undefined, {
      meta: { retryAfterMs: ms },
    });
}

async function publish(deps: Deps, committed: Committed<CommentRecord>, viewer: Actor): Promise<ArticleChange> {
  await deps.bus.publish('articleChange', { change: committed.change, comment: committed.value });
  return publishView(committed, viewer);
}

/** True when some debate on the article has a position with this id. */
async function isPositionOfArticle(deps: Deps, articleId: string, positionId: string): Promise<boolean> {
  for (const debateId of await deps.store.listDebatesOfArticle(articleId)) {
    const debate = await deps.store.getDebate(debateId);
    if (debate?.positions.some((p) => p.id === positionId)) return true;
  }
  return false;
}

function publishView(committed: Committed<CommentRecord>, viewer: Actor): ArticleChange {
  return {
    articleId: committed.change.articleId,
    seq: committed.change.seq,
    kind: committed.change.kind,
    comment: viewComment(committed.value, viewer),
  };
}

async function ownComment(deps: Deps, actor: Actor, commentId: string): Promise<CommentRecord> {
  const comment = await deps.store.getComment(commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  if (comment.authorId !== actor.id) throw new AppError('NOT_AUTHOR');
  if (comment.status !== 'visible') throw new AppError('COMMENT_NOT_VISIBLE');
  return comment;
}

export async function postComment(
  deps: Deps,
  actor: Actor | null,
  input: {
    articleId: string;
    parentId?: string | null | undefined;
    body: string;
    positionId?: string | null | undefined;
  },
): Promise<ArticleChange> {
  const author = signedInActor(actor);
  await assertMayWrite(deps, author.id);
  const article = await findArticle(deps, input.articleId);
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await deps.store.getComment(parentId);
    if (!parent || parent.articleId !== article.id)
      throw new AppError('NOT_FOUND', 'The comment you reply to does not exist.');
    if (parent.status !== 'visible')
      throw new AppError('COMMENT_NOT_VISIBLE', 'You cannot reply to a deleted or hidden comment.');
    if (parent.depth + 1 > LIMITS.depthMax) throw new AppError('THREAD_TOO_DEEP');
  }
  const positionId = input.positionId ?? null;
  if (positionId !== null && !(await isPositionOfArticle(deps, article.id, positionId))) {
    throw new AppError('VALIDATION_FAILED', 'That position is not one of this article’s debates.');
  }
  const admission = await admitComment(deps, article, author, input.body);
  // Slow mode binds readers; moderators and admins keep the conversation moving. It comes after
  // the content checks (a refused comment does not start the wait) and before the per-minute
  // limit (a slow-mode refusal does not spend the allowance).
  // The slow mode in force may be the automatic one (slow-mode.ts), engaged by a busy discussion.
  const slowMode = slowModeInForce(article);
  if (slowMode.seconds > 0 && !isStaff(author.role)) {
    await refuseIfLimited(
      deps.limits.slowMode.take(`${article.id}:${author.id}`, { cooldownSeconds: slowMode.seconds }),
      'SLOW_MODE',
      `${slowMode.auto ? 'Slow mode (automatic: the discussion is very busy)' : 'Slow mode'} allows one comment every ${slowMode.seconds} s.`,
    );
  }
  await refuseIfLimited(deps.limits.comments.take(author.id), 'RATE_LIMITED', 'You are posting too fast.');
  try {
    const committed = await deps.store.createComment({
      articleId: article.id,
      parentId,
      authorId: author.id,
      authorName: author.name,
      body: input.body,
      status: admission.status,
      holdReason: admission.holdReason,
      positionId,
      authorBadge: await badgeFor(deps, author, article.id),
    });
    await deps.bus.publish('deskUpdate', { comment: committed.value, actorName: null, action: null });
    // Replies and @mentions (issue 15): stored before the acknowledgement, cheaply (triggers.ts says why).
    await notifyAboutComment(deps, committed.value, article);
    return await publish(deps, committed, author);
  } catch (err) {
    if (err instanceof StoreNotFoundError) throw new AppError('NOT_FOUND', `No such ${err.what}.`);
    throw err;
  }
}

export async function editComment(
  deps: Deps,
  actor: Actor | null,
  input: { commentId: string; body: string },
): Promise<ArticleChange> {
  const author = signedInActor(actor);
  await assertMayWrite(deps, author.id);
  const comment = await ownComment(deps, author, input.commentId);
  const now = deps.now();
  if (now.getTime() - Date.parse(comment.createdAt) > deps.editWindowSeconds * 1000) {
    const window =
      deps.editWindowSeconds < 120
        ? `${deps.editWindowSeconds} seconds`
        : `${Math.round(deps.editWindowSeconds / 60)} minutes`;
    throw new AppError('EDIT_WINDOW_CLOSED', `Comments can be edited for ${window} after posting.`);
  }
  if (comment.body === input.body) throw new AppError('CONFLICT', 'The text is unchanged.');
  const article = await findArticle(deps, comment.articleId);
  const admission = await admitComment(deps, article, author, input.body);
  const committed = await deps.store.editComment(comment.id, input.body, now.toISOString());
  // null: the comment was deleted or hidden between the check and the write.
  if (!committed) throw new AppError('COMMENT_NOT_VISIBLE');
  if (admission.status === 'held') {
    // An edit that brings in a suspect word, or any edit under pre-moderation, goes back to the moderators.
    const held = await deps.store
      .moderateComment({
        commentId: committed.value.id,
        expectedVersion: committed.value.modVersion,
        kind: 'comment.held',
        patch: { status: 'held', holdReason: admission.holdReason },
        audit: {
          targetUserId: author.id,
          actorId: 'system',
          actorName: 'Parley (automatic)',
          action: 'hold',
          reason: admission.holdReason,
        },
      })
      .catch((err: unknown) => {
        // A moderator acted between the edit and the hold: their decision stands.
        if (err instanceof StoreConflictError) return null;
        throw err;
      });
    if (held) {
      await deps.bus.publish('articleChange', { change: committed.change, comment: held.committed.value });
      await deps.bus.publish('deskUpdate', { comment: held.committed.value, actorName: null, action: null });
      await deps.bus.publish('articleChange', { change: held.committed.change, comment: held.committed.value });
      return publishView(held.committed, author);
    }
  }
  return publish(deps, committed, author);
}

/** The author deletes their comment: the body goes, a placeholder keeps the replies in place. */
export async function deleteComment(
  deps: Deps,
  actor: Actor | null,
  input: { commentId: string },
): Promise<ArticleChange> {
  const author = signedInActor(actor);
  const comment = await ownComment(deps, author, input.commentId);
  const committed = await deps.store.deleteComment(comment.id);
  if (!committed) throw new AppError('NOT_FOUND', 'No such comment.');
  return publish(deps, committed, author);
}

export async function castVote(
  deps: Deps,
  actor: Actor | null,
  input: { commentId: string; value: VoteValue },
): Promise<VoteResultData> {
  const voter = signedInActor(actor);
  // Taking a vote back is always allowed, even under a sanction.
  if (input.value !== 0) await assertMayWrite(deps, voter.id);
  const comment = await deps.store.getComment(input.commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  if (comment.authorId === voter.id) throw new AppError('OWN_COMMENT_VOTE');
  if (comment.status !== 'visible' && input.value !== 0) throw new AppError('COMMENT_NOT_VISIBLE');
  await refuseIfLimited(deps.limits.votes.take(voter.id), 'RATE_LIMITED', 'You are voting too fast.');
  const result = await deps.store.castVote(comment.id, voter.id, input.value);
  if (result.previous !== result.current) {
    await deps.bus.publish('voteChanged', { articleId: comment.articleId, commentId: comment.id });
  }
  return { commentId: comment.id, value: result.current, tally: result.tally };
}
