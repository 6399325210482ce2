import { useId, useState, type FormEvent } from 'react';
import { STATEMENT_LIMITS, type GroundStatement } from '../../../../shared/common-ground.js';
import type { DecidedNote } from '../../realtime/ground-view.js';
import { groundErrorMessage } from './messages.js';

/**
 * A short statement to vote on, 5–280 characters with a counter. For those who manage it is added
 * at once ("Add statement"); everyone else's waits for a moderator, listed below the form until it
 * is decided, and the decision is said in a status line when it comes.
 */
export function ProposeForm({
  canManage,
  myProposals,
  decided,
  onPropose,
}: {
  canManage: boolean;
  myProposals: GroundStatement[];
  decided: DecidedNote[];
  onPropose(text: string): Promise<GroundStatement>;
}) {
  const inputId = useId();
  const countId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  /** The last outcome of this form; a decision that arrives after it (`seen` grew) is said instead. */
  const [message, setMessage] = useState<{ text: string; error: boolean; seen: number } | null>(null);
  const length = text.trim().length;
  const fits = length >= STATEMENT_LIMITS.textMin && length <= STATEMENT_LIMITS.textMax;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!fits) {
      setMessage({
        text: `A statement is ${STATEMENT_LIMITS.textMin} to ${STATEMENT_LIMITS.textMax} characters.`,
        error: true,
        seen: decided.length,
      });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const statement = await onPropose(text.trim());
      setText('');
      setMessage({
        text: statement.status === 'approved' ? 'Statement added.' : 'Thank you: a moderator will look at it.',
        error: false,
        seen: decided.length,
      });
    } catch (err) {
      setMessage({ text: groundErrorMessage(err), error: true, seen: decided.length });
    } finally {
      setBusy(false);
    }
  };

  const latest = decided[0];
  const said = message && message.seen === decided.length ? message : null;
  return (
    <div className="ground-propose">
      <form className="ground-propose__form" onSubmit={(e) => void submit(e)}>
        <label htmlFor={inputId} className="ground-propose__label">
          A statement for everyone to vote on
        </label>
        <textarea
          id={inputId}
          className="ground-propose__input"
          dir="auto"
          rows={2}
          maxLength={STATEMENT_LIMITS.textMax}
          aria-describedby={countId}
          value={text}
          onChange={(e) => setText(e.target.value.replace(/[\r\n]+/g, ' '))}
          placeholder="One short claim people can agree or disagree with"
        />
        <div className="ground-propose__row">
          <span
            id={countId}
            className={`ground-propose__count${length > 0 && !fits ? ' ground-propose__count--off' : ''}`}
          >
            {length} / {STATEMENT_LIMITS.textMax} characters
          </span>
          <button type="submit" className="button button--small" disabled={busy}>
            {canManage ? 'Add statement' : 'Propose'}
          </button>
        </div>
      </form>
      <p className={`ground__status${said?.error ? ' ground__status--error' : ''}`} role="status">
        {said?.text ??
          (latest
            ? `Your statement “${latest.text}” was ${latest.approved ? 'approved: it is open for votes' : 'not approved'}.`
            : '')}
      </p>
      {myProposals.length > 0 && (
        <ul className="ground-waiting" data-testid="ground-my-proposals" aria-label="Your proposals">
          {myProposals.map((p) => (
            <li key={p.id}>
              <span dir="auto">{p.text}</span> <span className="ground-waiting__tag">Waiting for a moderator</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
