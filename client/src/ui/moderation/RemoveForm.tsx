import { LIMITS } from '../../../../shared/schemas.js';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { REMOVE_REASONS } from './rules.js';

export interface RemoveFormProps {
  /** Removes with the reason; rejects when the server refused (the caller shows why). */
  onSubmit(reason: string): Promise<void>;
  onCancel(): void;
  /** Puts focus in the reason list when the form opens (it opens at the moderator's request). */
  autoFocus?: boolean;
}

const REASON_MAX = LIMITS.reasonMax;

/**
 * The small inline form a removal needs: a common reason from a list, words of one's own (required
 * for "Other"), Remove and Cancel. Escape cancels.
 */
export function RemoveForm({ onSubmit, onCancel, autoFocus = true }: RemoveFormProps) {
  const id = useId();
  const [reason, setReason] = useState<string>(REMOVE_REASONS[0]);
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const select = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (autoFocus) select.current?.focus();
  }, [autoFocus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const words = details.trim();
    if (reason === 'Other' && !words) {
      setProblem('Say why in a few words.');
      return;
    }
    setProblem('');
    setBusy(true);
    try {
      await onSubmit((words ? `${reason}: ${words}` : reason).slice(0, REASON_MAX));
    } finally {
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
      className="mod-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      aria-label="Remove this comment"
      aria-busy={busy}
    >
      <div className="mod-form__row">
        <label htmlFor={`${id}-reason`}>Reason</label>
        <select id={`${id}-reason`} ref={select} value={reason} onChange={(event) => setReason(event.target.value)}>
          {REMOVE_REASONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div className="mod-form__row">
        <label htmlFor={`${id}-details`}>
          Details{reason === 'Other' ? '' : <span className="field__optional"> (optional)</span>}
        </label>
        <input
          id={`${id}-details`}
          type="text"
          dir="auto"
          maxLength={REASON_MAX - 30}
          value={details}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => setDetails(event.target.value)}
        />
      </div>
      {problem && (
        <p className="mod-form__problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
      <div className="mod-form__buttons">
        <button type="submit" className="button button--danger button--small" disabled={busy}>
          {busy ? 'Removing…' : 'Remove comment'}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
