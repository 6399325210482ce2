/**
 * Sanctions: warn (the user must acknowledge), mute for a period, ban (optionally removing all of the
 * user's comments in one action), lift. Moderators cannot sanction moderators or admins.
 */
import { isStaff, type Sanction, type SanctionKind } from '../../../shared/types.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import { applyModeration } from './actions.js';
import { announceAudit } from './audit.js';

export interface SanctionInput {
  userId: string;
  kind: SanctionKind;
  reason: string;
  /** Length of a mute or of a timed ban; a ban without it is permanent. */
  minutes?: number | undefined;
  /** With a ban: remove every visible or held comment of the user. */
  removeComments?: boolean | undefined;
}

export async function sanctionUser(
  deps: Deps,
  actor: Actor | null,
  input: SanctionInput,
): Promise<{ sanction: Sanction; removed: number }> {
  const moderator = requireRole(actor, 'moderator');
  const target = await deps.store.getUser(input.userId);
  if (!target) throw new AppError('NOT_FOUND', 'No such user.');
  if (isStaff(target.role) && moderator.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only an admin can sanction a moderator or an admin.');
  if (target.id === moderator.id) throw new AppError('FORBIDDEN', 'You cannot sanction yourself.');
  if (input.kind === 'mute' && !input.minutes)
    throw new AppError('VALIDATION_FAILED', 'A mute needs a length in minutes.');
  const now = deps.now();
  const until =
    input.kind !== 'warn' && input.minutes ? new Date(now.getTime() + input.minutes * 60_000).toISOString() : null;
  const sanction = await deps.store.createSanction({
    userId: target.id,
    kind: input.kind,
    reason: input.reason,
    until,
    actorId: moderator.id,
    createdAt: now.toISOString(),
  });
  const given = await deps.store.appendAudit({
    articleId: null,
    commentId: null,
    targetUserId: target.id,
    actorId: moderator.id,
    actorName: moderator.name,
    action: `sanction.${input.kind}`,
    reason: input.reason,
    before: null,
    // The sanction's id lets its undo lift exactly this one (undo.ts).
    after: { kind: sanction.kind, until: sanction.until, sanctionId: sanction.id },
    at: sanction.createdAt,
  });
  // Told first: the user's open screens and editing connections stop writing before a long removal runs.
  await deps.bus.publish('accountNotice', { userId: target.id, sanction });
  await announceAudit(deps, given);
  let removed = 0;
  if (input.kind === 'ban' && input.removeComments)
    removed = await removeAllComments(deps, moderator, target.id, input.reason);
  return { sanction, removed };
}

/** Removes every visible or held comment of the user, each as its own logged, audited change. */
async function removeAllComments(deps: Deps, moderator: Actor, userId: string, reason: string): Promise<number> {
  let removed = 0;
  let after: string | undefined;
  do {
    const page = await deps.store.listCommentsByAuthor(userId, { limit: 100, ...(after ? { after } : {}) });
    for (const c of page.items) {
      if (c.status !== 'visible' && c.status !== 'held') continue;
      try {
        await applyModeration(deps, moderator, {
          commentId: c.id,
          action: 'remove',
          reason: `ban: ${reason}`,
          expectedVersion: c.modVersion,
        });
        removed++;
      } catch (err) {
        // Another moderator got there first; that comment is handled either way.
        if (!(err instanceof AppError && (err.code === 'ALREADY_HANDLED' || err.code === 'INVALID_TRANSITION')))
          throw err;
      }
    }
    after = page.next ?? undefined;
  } while (after);
  return removed;
}

/** Lifts a sanction and audits it; an undo (undo.ts) audits it as its own action, with a reason. */
export async function liftSanction(
  deps: Deps,
  actor: Actor | null,
  sanctionId: string,
  options: { reason?: string; action?: 'sanction.lift' | 'undo' } = {},
): Promise<Sanction> {
  const moderator = requireRole(actor, 'moderator');
  const sanction = await deps.store.getSanction(sanctionId);
  if (!sanction || sanction.liftedAt) throw new AppError('NOT_FOUND', 'No such sanction, or it was lifted already.');
  const target = await deps.store.getUser(sanction.userId);
  // Lifting follows the rule of imposing: only an admin lifts what binds a moderator or an admin, or oneself.
  if ((!target || isStaff(target.role) || sanction.userId === moderator.id) && moderator.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only an admin can lift this sanction.');
  }
  const lifted = await deps.store.liftSanction(sanctionId, deps.now().toISOString());
  if (!lifted) throw new AppError('NOT_FOUND', 'No such sanction, or it was lifted already.');
  const entry = await deps.store.appendAudit({
    articleId: null,
    commentId: null,
    targetUserId: lifted.userId,
    actorId: moderator.id,
    actorName: moderator.name,
    action: options.action ?? 'sanction.lift',
    reason: options.reason ?? null,
    before: { kind: lifted.kind, until: lifted.until, sanctionId: lifted.id },
    after: null,
    at: lifted.liftedAt!,
  });
  await announceAudit(deps, entry);
  await deps.bus.publish('accountNotice', { userId: lifted.userId, sanction: lifted });
  return lifted;
}

/** The warned user acknowledges a warning, which lets them post again. */
export async function acknowledgeWarning(deps: Deps, actor: Actor | null, sanctionId: string): Promise<Sanction> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const done = await deps.store.acknowledgeSanction(sanctionId, actor.id, deps.now().toISOString());
  if (!done) throw new AppError('NOT_FOUND', 'No such warning to acknowledge.');
  // The user's other screens, and their editing connections (write again), hear of it.
  await deps.bus.publish('accountNotice', { userId: done.userId, sanction: done });
  return done;
}
