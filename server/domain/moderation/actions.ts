/**
 * Moderators act on comments: remove, restore, approve, hold, feature, unfeature. Each action names
 * the modVersion it was decided on; the store applies it only if nobody acted in between, so when
 * two moderators act at once exactly one wins and the other hears ALREADY_HANDLED. What each action
 * does is shared/moderation.ts, the rules the desk offers its buttons by.
 */
export { transitionFor };
import type { ModAction, ModComment } from '../../../shared/types.js';
import { transitionFor } from '../../../shared/moderation.js';
import { StoreConflictError } from '../../store/store.js';
import { viewForModerator } from '../comments.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import { announceAudit } from './audit.js';
import { notifyAboutModeration } from '../notifications/triggers.js';

export interface ModerateInput {
  commentId: string;
  action: ModAction;
  /** Required for remove. */
  reason?: string | undefined;
  /** The comment's modVersion as the moderator saw it. */
  expectedVersion: number;
}

/** Applies one action on behalf of `actor` (or the system, for automatic holds) and announces it. */
export async function applyModeration(deps: Deps, actor: Actor, input: ModerateInput): Promise<ModComment> {
  const comment = await deps.store.getComment(input.commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  if (comment.modVersion !== input.expectedVersion) throw new AppError('ALREADY_HANDLED');
  const reason = input.reason?.trim() || null;
  if (input.action === 'remove' && !reason) throw new AppError('VALIDATION_FAILED', 'Give a reason for the removal.');
  const transition = transitionFor(input.action, comment, reason);
  if (!transition)
    throw new AppError(
      'INVALID_TRANSITION',
      `Cannot ${input.action} a comment that is ${comment.featured ? 'featured and ' : ''}${comment.status}.`,
    );
  let result;
  try {
    result = await deps.store.moderateComment({
      commentId: comment.id,
      expectedVersion: input.expectedVersion,
      kind: transition.kind,
      patch: transition.patch,
      audit: { targetUserId: comment.authorId, actorId: actor.id, actorName: actor.name, action: input.action, reason },
    });
  } catch (err) {
    if (err instanceof StoreConflictError && err.field === 'version') throw new AppError('ALREADY_HANDLED');
    throw err;
  }
  if (!result) throw new AppError('NOT_FOUND', 'No such comment.');
  const after = result.committed.value;
  await deps.bus.publish('articleChange', { change: result.committed.change, comment: after });
  await deps.bus.publish('deskUpdate', { comment: after, actorName: actor.name, action: input.action });
  await announceAudit(deps, result.audit);
  // The author hears what was done and why (issue 15).
  await notifyAboutModeration(deps, { before: comment, after, actor, action: input.action, reason });
  return viewForModerator(after);
}

/** The moderator-facing use case: checks the role, then applies. */
export async function moderateComment(deps: Deps, actor: Actor | null, input: ModerateInput): Promise<ModComment> {
  return applyModeration(deps, requireRole(actor, 'moderator'), input);
}

/** Who acts when Parley itself holds a comment (too many reports). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Parley (automatic)', role: 'admin' };
