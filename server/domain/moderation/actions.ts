/**
 * Moderators act on comments: remove, restore, approve, hold, feature, unfeature. Each action names
 * the modVersion it was decided on; the store applies it only if nobody acted in between, so when
 * two moderators act at once exactly one wins and the other hears ALREADY_HANDLED.
 */
import type { ModAction, ModComment } from '../../../shared/types.js';
import { StoreConflictError, type CommentRecord, type ModerationPatch } from '../../store/store.js';
import type { ChangeKind } from '../../../shared/types.js';
import { viewForModerator } from '../comments.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';

interface Transition {
  kind: ChangeKind;
  patch: ModerationPatch;
}

/** The change an action makes to the comment as it is now, or null when it does not apply. */
export function transitionFor(action: ModAction, c: CommentRecord, reason: string | null): Transition | null {
  switch (action) {
    case 'remove':
      return c.status === 'visible' || c.status === 'held'
        ? { kind: 'comment.removed', patch: { status: 'removed', removedReason: reason, featured: false } }
        : null;
    case 'restore':
      return c.status === 'removed'
        ? { kind: 'comment.restored', patch: { status: 'visible', removedReason: null, approved: true } }
        : null;
    case 'approve':
      if (c.status === 'held')
        return { kind: 'comment.approved', patch: { status: 'visible', approved: true, holdReason: null } };
      return c.status === 'visible' && !c.approved ? { kind: 'comment.approved', patch: { approved: true } } : null;
    case 'hold':
      return c.status === 'visible'
        ? {
            kind: 'comment.held',
            patch: { status: 'held', holdReason: reason ?? 'held by a moderator', featured: false },
          }
        : null;
    case 'feature':
      return c.status === 'visible' && !c.featured ? { kind: 'comment.featured', patch: { featured: true } } : null;
    case 'unfeature':
      return c.featured ? { kind: 'comment.unfeatured', patch: { featured: false } } : null;
  }
}

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
  return viewForModerator(after);
}

/** The moderator-facing use case: checks the role, then applies. */
export async function moderateComment(deps: Deps, actor: Actor | null, input: ModerateInput): Promise<ModComment> {
  return applyModeration(deps, requireRole(actor, 'moderator'), input);
}

/** Who acts when Parley itself holds a comment (too many reports). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Parley (automatic)', role: 'admin' };
