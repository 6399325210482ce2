/**
 * Undo (issue 15): a moderator takes back their own action within UNDO_WINDOW_MS. A comment action
 * is reversed to the state the audit entry recorded before it (remove → restored, approve → back to
 * pending, feature ↔ unfeature ...), only while that action is still the comment's latest one; a
 * sanction is lifted. The undo is its own audit entry (action `undo`), announced like any other.
 */
import { isUndoable, UNDO_WINDOW_MS, type AuditView, type ModerationPatch } from '../../../shared/moderation.js';
import type { AuditEntry, ChangeKind, CommentStatus } from '../../../shared/types.js';
import { StoreConflictError } from '../../store/store.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';
import { requireRole, type Actor } from '../users.js';
import { announceAudit, auditViews } from './audit.js';
import { liftSanction } from './sanctions.js';

/** Own entries read per page while looking for the one to undo. */
const OWN_PAGE = 100;

interface Recorded {
  status: CommentStatus;
  featured: boolean;
  approved: boolean;
}

function recorded(state: Record<string, unknown> | null): Recorded | null {
  if (!state || typeof state.status !== 'string') return null;
  return {
    status: state.status as CommentStatus,
    featured: state.featured === true,
    approved: state.approved === true,
  };
}

/** The change that brings a comment from the entry's `after` back to its `before`. */
function reversal(entry: AuditEntry, before: Recorded): { kind: ChangeKind; patch: ModerationPatch } {
  const patch: ModerationPatch = { status: before.status, featured: before.featured, approved: before.approved };
  const reason = `undo of ${entry.action} by ${entry.actorName}`;
  if (before.status === 'removed') return { kind: 'comment.removed', patch: { ...patch, removedReason: reason } };
  if (before.status === 'held')
    return { kind: 'comment.held', patch: { ...patch, holdReason: 'back to pending (undo)' } };
  // Visible again: from removed or held, or a feature mark or approval taken back.
  patch.removedReason = null;
  patch.holdReason = null;
  if (entry.action === 'feature') return { kind: 'comment.unfeatured', patch };
  if (entry.action === 'unfeature') return { kind: 'comment.featured', patch };
  if (entry.action === 'remove') return { kind: 'comment.restored', patch };
  return { kind: 'comment.approved', patch };
}

/**
 * Takes back the action of audit entry `auditId`, which must be the moderator's own, undoable and
 * younger than UNDO_WINDOW_MS. Refuses with ALREADY_HANDLED when someone acted on the comment since
 * (or it was undone already), UNDO_EXPIRED when the window has passed.
 */
export async function undoAction(deps: Deps, actor: Actor | null, auditId: string): Promise<AuditView> {
  const moderator = requireRole(actor, 'moderator');
  const entry = await findOwnEntry(deps, moderator, auditId);
  if (!entry) throw new AppError('NOT_FOUND', 'No recent action of yours by that id.');
  if (!isUndoable(entry.action)) throw new AppError('INVALID_TRANSITION', 'That action cannot be undone.');
  if (deps.now().getTime() - Date.parse(entry.at) > UNDO_WINDOW_MS) throw new AppError('UNDO_EXPIRED');

  if (entry.action.startsWith('sanction.')) {
    const sanctionId = entry.after?.sanctionId;
    if (typeof sanctionId !== 'string') throw new AppError('INVALID_TRANSITION', 'That sanction cannot be undone.');
    const sanction = await deps.store.getSanction(sanctionId);
    if (!sanction || sanction.liftedAt) throw new AppError('ALREADY_HANDLED', 'That sanction was lifted already.');
    await liftSanction(deps, moderator, sanctionId, { action: 'undo', reason: `undo of ${entry.action}` });
    return latestOwn(deps, moderator);
  }

  const before = recorded(entry.before);
  if (!entry.commentId || !before) throw new AppError('INVALID_TRANSITION', 'That action cannot be undone.');
  const comment = await deps.store.getComment(entry.commentId);
  if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
  // Only while this action is the comment's latest change: an undo never overrides someone's later
  // decision (or an edit). The version the action left is the compare-and-set key.
  const leftAt = entry.after?.modVersion;
  if (typeof leftAt !== 'number' || comment.modVersion !== leftAt)
    throw new AppError('ALREADY_HANDLED', 'Someone acted on this comment since.');
  const { kind, patch } = reversal(entry, before);
  let result;
  try {
    result = await deps.store.moderateComment({
      commentId: comment.id,
      expectedVersion: comment.modVersion,
      kind,
      patch,
      audit: {
        targetUserId: comment.authorId,
        actorId: moderator.id,
        actorName: moderator.name,
        action: 'undo',
        reason: `undo of ${entry.action}`,
      },
    });
  } catch (err) {
    if (err instanceof StoreConflictError && err.field === 'version') throw new AppError('ALREADY_HANDLED');
    throw err;
  }
  if (!result) throw new AppError('NOT_FOUND', 'No such comment.');
  const after = result.committed.value;
  await deps.bus.publish('articleChange', { change: result.committed.change, comment: after });
  await deps.bus.publish('deskUpdate', { comment: after, actorName: moderator.name, action: 'undo' });
  return announceAudit(deps, result.audit);
}

/**
 * The moderator's own entry `auditId`, looked for newest first and no further back than the undo
 * window (a ban that removed hundreds of comments wrote an entry for each after its own).
 */
async function findOwnEntry(deps: Deps, moderator: Actor, auditId: string): Promise<AuditEntry | null> {
  const oldest = deps.now().getTime() - UNDO_WINDOW_MS;
  let after: string | undefined;
  for (;;) {
    const page = await deps.store.listAudit({ actorId: moderator.id, limit: OWN_PAGE, ...(after ? { after } : {}) });
    const found = page.items.find((e) => e.id === auditId);
    if (found) return found;
    const last = page.items.at(-1);
    if (!page.next || !last || Date.parse(last.at) < oldest) return null;
    after = page.next;
  }
}

/** The moderator's newest entry (the lift an undo of a sanction just wrote), named. */
async function latestOwn(deps: Deps, moderator: Actor): Promise<AuditView> {
  const [entry] = (await deps.store.listAudit({ actorId: moderator.id, limit: 1 })).items;
  return (await auditViews(deps, [entry!]))[0]!;
}
