import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SANCTION_KINDS, type SanctionKind } from '../../../../shared/types.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { useSession } from '../../state/session.js';
import { formatDateTime } from '../time.js';
import { modErrorMessage, SANCTION_LABELS } from './rules.js';
import { lengthOf, NO_LENGTH, SanctionLength, type LengthChoice } from './SanctionLength.js';

export interface SanctionFormProps {
  userId: string;
  userName: string;
  onCancel(): void;
  /** Called with what was done, in words. */
  onDone(summary: string): void;
}

const VERBS: Record<SanctionKind, string> = { warn: 'Warn', mute: 'Mute', ban: 'Ban' };
const KIND_HELP: Record<SanctionKind, string> = {
  warn: 'They must acknowledge it before they post again.',
  mute: 'They cannot post or edit for the time given.',
  ban: 'They cannot post at all: choose a permanent ban or a length.',
};

/**
 * Sanctions a comment's author (`mod:sanction`): a warning, a mute for N minutes, or a ban (timed or
 * permanent, optionally removing all of their comments at once). A reason is required.
 */
export function SanctionForm({ userId, userName, onCancel, onDone }: SanctionFormProps) {
  const id = useId();
  const { user } = useSession();
  const [kind, setKind] = useState<SanctionKind>('warn');
  const [length, setLength] = useState<LengthChoice>(NO_LENGTH);
  const [removeComments, setRemoveComments] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    const words = reason.trim();
    if (!words) return setError('Give a reason: the user will see it.');
    const chosen = lengthOf(kind, length);
    if ('problem' in chosen) return setError(chosen.problem);
    const minutes = chosen.minutes;
    setBusy(true);
    setError('');
    try {
      const result = await request(connectAs(user.id), 'mod:sanction', {
        userId,
        kind,
        reason: words,
        ...(kind !== 'warn' && minutes !== null ? { minutes } : {}),
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
      <SanctionLength id={id} kind={kind} choice={length} onChange={setLength} />
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
