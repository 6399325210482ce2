/**
 * The words for moderation in the desk and the inline tools. Which actions apply comes from the
 * rules both sides share (shared/moderation.ts: actionsFor).
 */
import type {
  ModAction,
  ModComment,
  ModQueue,
  PremodMode,
  ReportReason,
  SanctionKind,
} from '../../../../shared/types.js';
import { LiveError } from '../../realtime/requests.js';
import { actionErrorMessage } from '../discussion/messages.js';

export const QUEUE_LABELS: Record<ModQueue, string> = {
  pending: 'Pending',
  reported: 'Reported',
  new: 'New',
  removed: 'Removed',
  featured: 'Featured',
};

export const QUEUE_HELP: Record<ModQueue, string> = {
  pending: 'Held by pre-moderation, suspect words or reports, waiting for a decision.',
  reported: 'Visible comments that readers reported and no moderator has approved yet.',
  new: 'Every comment as it arrives.',
  removed: 'Comments a moderator removed.',
  featured: 'Comments pinned above the discussion.',
};

/** The queues a comment belongs to now (the same filters as the store's queues). */
export function queuesOf(c: ModComment): ModQueue[] {
  const queues: ModQueue[] = ['new'];
  if (c.status === 'held') queues.push('pending');
  if (c.status === 'visible' && !c.approved && c.reportCount > 0) queues.push('reported');
  if (c.status === 'removed') queues.push('removed');
  if (c.featured) queues.push('featured');
  return queues;
}

export const ACTION_LABELS: Record<ModAction, string> = {
  approve: 'Approve',
  remove: 'Remove',
  hold: 'Hold',
  feature: 'Feature',
  unfeature: 'Unfeature',
  restore: 'Restore',
};

/** Single-key shortcuts on a focused desk item (aria-keyshortcuts takes the key names). */
export const ACTION_KEYS: Partial<Record<ModAction, string>> = { approve: 'a', remove: 'r', hold: 'h', feature: 'f' };

const PAST: Record<string, string> = {
  approve: 'approved',
  remove: 'removed',
  hold: 'held',
  feature: 'featured',
  unfeature: 'unfeatured',
  restore: 'restored',
  report: 'reported',
};

/** "removed", "approved": what another moderator did, for "Handled by … (removed)". */
export function actionPast(action: string | null): string {
  return action ? (PAST[action] ?? action) : 'changed';
}

/** Reasons a moderator picks from when removing; "Other" needs words of its own. */
export const REMOVE_REASONS = [
  'Spam',
  'Abuse or harassment',
  'Off topic',
  'Personal information',
  'Illegal content',
  'Other',
] as const;

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: 'Spam',
  abuse: 'Abuse',
  off_topic: 'Off topic',
  illegal: 'Illegal content',
  other: 'Other',
};

export const PREMOD_LABELS: Record<PremodMode, string> = {
  off: 'Off: comments appear at once',
  all: 'All comments wait for a moderator',
  'new-users': 'First posts of new users',
  links: 'Posts with links',
};

export const SANCTION_LABELS: Record<SanctionKind, string> = { warn: 'Warning', mute: 'Mute', ban: 'Ban' };

/** True when the server said someone else changed the comment first. */
export function isRace(error: unknown): boolean {
  return error instanceof LiveError && (error.code === 'ALREADY_HANDLED' || error.code === 'INVALID_TRANSITION');
}

/** A failed moderation request in words. */
export function modErrorMessage(error: unknown): string {
  if (isRace(error)) return 'Another moderator acted first. The comment now shows its current state.';
  if (error instanceof LiveError && error.code === 'VALIDATION_FAILED')
    return error.error.details?.[0]?.message ?? error.message;
  return actionErrorMessage(error);
}
