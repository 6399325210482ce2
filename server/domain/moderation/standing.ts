/** Whether a user may write now: sanctions are checked on every write (DESIGN: banned and muted users are refused at the edge). */
import type { Sanction } from '../../../shared/types.js';
import type { Deps } from '../deps.js';
import { AppError } from '../../errors.js';

/** The sanctions in force at `now`: not lifted, not expired; warnings until acknowledged. */
export function activeSanctions(sanctions: Sanction[], now: Date): Sanction[] {
  return sanctions.filter((s) => {
    if (s.liftedAt) return false;
    if (s.kind === 'warn') return s.acknowledgedAt === null;
    return s.until === null || Date.parse(s.until) > now.getTime();
  });
}

const until = (s: Sanction) => (s.until ? `until ${s.until}` : 'with no end date');

/**
 * Why a user with these sanctions may not write at `now`: BANNED, MUTED (with until when and the
 * reason) or WARNING_UNACKNOWLEDGED; null when nothing stands in the way. One rule for comments,
 * votes, reports, debate audience actions and collaborative summaries (collab/permissions.ts).
 */
export function writeRefusal(sanctions: Sanction[], now: Date): AppError | null {
  const active = activeSanctions(sanctions, now);
  const ban = active.find((s) => s.kind === 'ban');
  if (ban)
    return new AppError('BANNED', `You are banned from commenting ${until(ban)}. Reason: ${ban.reason}`, undefined, {
      meta: { until: ban.until, reason: ban.reason },
    });
  const mute = active.find((s) => s.kind === 'mute');
  if (mute)
    return new AppError('MUTED', `You are muted ${until(mute)}. Reason: ${mute.reason}`, undefined, {
      meta: { until: mute.until, reason: mute.reason },
    });
  const warning = active.find((s) => s.kind === 'warn');
  if (warning)
    return new AppError(
      'WARNING_UNACKNOWLEDGED',
      `A moderator warned you: ${warning.reason}. Acknowledge it to post again.`,
    );
  return null;
}

/** Throws BANNED, MUTED or WARNING_UNACKNOWLEDGED (with until when) if the user may not write. */
export async function assertMayWrite(deps: Deps, userId: string): Promise<void> {
  const refusal = writeRefusal(await deps.store.listSanctions(userId), deps.now());
  if (refusal) throw refusal;
}
