import { LIMITS } from '../../../../shared/schemas.js';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SANCTION_KINDS, type SanctionKind } from '../../../../shared/types.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { useSession } from '../../state/session.js';
import { formatDateTime } from '../time.js';
import { modErrorMessage, SANCTION_LABELS } from './rules.js';

export interface SanctionFormProps {
  userId: string;
  userName: string;
  onCancel(): void;
  /** Called with what was done, in words. */
  onDone(summary: string): void;
}

const MINUTES_MAX = LIMITS.sanctionMinutesMax;
const VERBS: Record<SanctionKind, string> = { warn: 'Warn', mute: 'Mute', ban: 'Ban' };
const KIND_HELP: Record<SanctionKind, string> = {
  warn: 'They must acknowledge it before they post again.',
  mute: 'They cannot post or edit for the time given.',
  ban: 'They cannot post at all; leave the length empty for a permanent ban.',
};

/**
 * Sanctions a comment's author (`mod:sanction`): a warning, a mute for N minutes, or a ban (timed or
 * permanent, optionally removing all of their comments at once). A reason is required.
 */
export function SanctionForm({ userId, userName, onCancel, onDone }: SanctionFormProps) {
  const id = useId();
  const { user } = useSession();
  const [kind, setKind] = useState<SanctionKind>('warn');
  const [minutes, setMinutes] = useState('60');
  const [removeComments, setRemoveComments] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    const words = reason.trim();
    const length = minutes.trim() === '' ? null : Number(minutes);
    if (!words) return setError('Give a reason: the user will see it.');
    if (kind === 'mute' && (length === null || !Number.isInteger(length) || length < 1))
      return setError('A mute needs a length in whole minutes.');
    if (length !== null && kind !== 'warn' && (!Number.isInteger(length) || length < 1 || length > MINUTES_MAX)) {
      return setError(`The length must be between 1 and ${MINUTES_MAX.toLocaleString('en')} minutes.`);
    }
    setBusy(true);
    setError('');
    try {
      const result = await request(connectAs(user.id), 'mod:sanction', {
        userId,
        kind,
        reason: words,
        ...(kind !== 'warn' && length !== null ? { minutes: length } : {}),
        ...(kind === 'ban' ? { removeComments } : {}),
      });
      const until = result.sanction.until
        ? ` until ${formatDateTime(result.sanction.until)}`
        : kind === 'ban'
          ? ' with no end date'
          : '';
      const removed = kind === 'ban' && removeComments ? ` ${result.removed} of their comments removed.` : '';
      onDone(`${SANCTION_LABELS[kind]} given to ${userName}${until}.${removed}`);
    } catch (err) {
      setError(modErrorMessage(err));
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <form
      className="mod-form mod-form--sanction"
      onSubmit={(e) => void submit(e)}
      onKeyDown={onKeyDown}
      aria-label={`Sanction ${userName}`}
      aria-busy={busy}
    >
      <fieldset className="mod-form__kinds">
        <legend>
          Sanction <bdi>{userName}</bdi>
        </legend>
        {SANCTION_KINDS.map((k, index) => (
          <label key={k}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              autoFocus={index === 0}
              onChange={() => setKind(k)}
            />{' '}
            {SANCTION_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <p className="mod-form__help">{KIND_HELP[kind]}</p>
      {kind !== 'warn' && (
        <div className="mod-form__row">
          <label htmlFor={`${id}-minutes`}>
            Length in minutes{kind === 'ban' && <span className="field__optional"> (optional)</span>}
          </label>
          <input
            id={`${id}-minutes`}
            type="number"
            inputMode="numeric"
            min={1}
            max={MINUTES_MAX}
            step={1}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
      )}
      {kind === 'ban' && (
        <label className="mod-form__check">
          <input type="checkbox" checked={removeComments} onChange={(e) => setRemoveComments(e.target.checked)} /> Also
          remove all their comments
        </label>
      )}
      <div className="mod-form__row">
        <label htmlFor={`${id}-reason`}>Reason (shown to the user)</label>
        <input
          id={`${id}-reason`}
          type="text"
          dir="auto"
          required
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <p className="mod-form__problem" role="alert">
        {error}
      </p>
      <div className="mod-form__buttons">
        <button type="submit" className="button button--danger button--small" disabled={busy}>
          {busy ? 'Sending…' : `${VERBS[kind]} ${userName}`}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
