import { useState } from 'react';
import type { Sanction } from '../../../../shared/types.js';
import { inForce, type Standing } from '../../realtime/useStanding.js';
import { formatDateTime } from '../time.js';
import { actionErrorMessage } from './messages.js';

/** Why the signed-in user may not post now, in words for the composer; null when they may. */
export function postingBlock(active: Sanction[], now: number): string | null {
  const live = active.filter((s) => inForce(s, now));
  // The notice above the composer says until when and why; the composer only says it is off.
  if (live.some((s) => s.kind === 'ban')) return 'Posting is off while you are banned.';
  if (live.some((s) => s.kind === 'mute')) return 'Posting is off while you are muted.';
  if (live.some((s) => s.kind === 'warn')) return 'Read the moderators’ warning above and confirm it to post again.';
  return null;
}

function untilText(s: Sanction): string {
  return s.until ? `until ${formatDateTime(s.until)}` : 'with no end date';
}

function Warning({ sanction, onAcknowledge }: { sanction: Sanction; onAcknowledge(id: string): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const acknowledge = async () => {
    setBusy(true);
    setError('');
    try {
      await onAcknowledge(sanction.id);
    } catch (err) {
      setError(actionErrorMessage(err));
      setBusy(false);
    }
  };
  return (
    <div className="standing standing--warn" role="alert" data-testid="standing-warning">
      <p className="standing__title">A moderator has warned you</p>
      <p className="standing__reason" dir="auto">
        {sanction.reason}
      </p>
      <p className="standing__help">
        Please keep to the discussion rules. Confirm that you have read this to post again.
      </p>
      <button type="button" className="button button--small" onClick={() => void acknowledge()} disabled={busy}>
        I understand
      </button>
      {error && <p className="comment__error">{error}</p>}
    </div>
  );
}

/**
 * The signed-in user's own sanctions above the composer: a warning with "I understand"; mutes and
 * bans as one sanction notice (the strongest first, each with until when and why), never stacked.
 */
export function StandingNotice({ standing, now }: { standing: Standing; now: number }) {
  const live = standing.active.filter((s) => inForce(s, now));
  if (live.length === 0) return null;
  const warnings = live.filter((s) => s.kind === 'warn');
  // A ban outranks a mute: it heads the notice, and a mute beside it is only mentioned.
  const blocks = live
    .filter((s) => s.kind !== 'warn')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'ban' ? -1 : 1));
  const [head, ...rest] = blocks;
  return (
    <div className="standing-list">
      {warnings.map((s) => (
        <Warning key={s.id} sanction={s} onAcknowledge={standing.acknowledge} />
      ))}
      {head && (
        <div className="standing standing--blocked" role="alert" data-testid="standing-block">
          <p className="standing__title">
            {head.kind === 'ban' ? 'You are banned from commenting' : 'You are muted'} {untilText(head)}
          </p>
          <p className="standing__reason" dir="auto">
            Reason: {head.reason}
          </p>
          {rest.map((s) => (
            <p key={s.id} className="standing__help" dir="auto">
              {s.kind === 'ban' ? 'Also banned' : 'Also muted'} {untilText(s)}. Reason: {s.reason}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
