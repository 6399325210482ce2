/**
 * The moderation state machine, once for both sides: what each action does to a comment as it is
 * now, or that it does not apply. The server applies it (with compare-and-set on modVersion); the
 * desk and the inline tools offer exactly the actions it accepts.
 */
import type { AuditEntry, ChangeKind, CommentStatus, ModAction, ReportReason } from './types.js';

/** The fields a moderation action may change. */
export interface ModerationPatch {
  status?: CommentStatus;
  featured?: boolean;
  approved?: boolean;
  holdReason?: string | null;
  removedReason?: string | null;
}

export interface ModerationTransition {
  kind: ChangeKind;
  patch: ModerationPatch;
}

/** As much of a comment as the rules look at. */
export interface ModeratedState {
  status: CommentStatus;
  featured: boolean;
  approved: boolean;
}

/** The change `action` makes to a comment in state `c`, or null when it does not apply. */
export function transitionFor(
  action: ModAction,
  c: ModeratedState,
  reason: string | null,
): ModerationTransition | null {
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

/** The order moderators see actions in: deciding first, then curating, then undoing. */
const DESK_ORDER: readonly ModAction[] = ['approve', 'remove', 'hold', 'feature', 'unfeature', 'restore'];

/** The actions that apply to a comment in state `c`, in desk order. */
export function actionsFor(c: ModeratedState): ModAction[] {
  return DESK_ORDER.filter((action) => transitionFor(action, c, 'reason') !== null);
}

/**
 * An audit entry as the desk shows it: what was acted on, by name (docs/PROTOCOL.md, "Audit log").
 * `comment.excerpt` is the start of the body as moderators see it ('' once its author deleted it).
 */
export interface AuditView extends AuditEntry {
  comment: { id: string; excerpt: string; status: CommentStatus } | null;
  article: { id: string; slug: string; title: string } | null;
  targetUser: { id: string; name: string } | null;
}

/** Characters of a comment's body an audit entry quotes. */
export const AUDIT_EXCERPT_CHARS = 120;

/** How long a moderator may undo their own action. */
export const UNDO_WINDOW_MS = 5 * 60_000;

/** Actions a moderator may take back: comment actions and sanctions (not a lift, settings or an undo). */
export function isUndoable(action: AuditEntry['action']): boolean {
  return (
    action === 'remove' ||
    action === 'restore' ||
    action === 'approve' ||
    action === 'hold' ||
    action === 'feature' ||
    action === 'unfeature' ||
    action === 'sanction.warn' ||
    action === 'sanction.mute' ||
    action === 'sanction.ban'
  );
}

/** Reports of a comment counted per reason, for the desk's queue item. */
export type ReportReasonCounts = Partial<Record<ReportReason, number>>;
