import { LIMITS } from '../../../../shared/schemas.js';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { REPORT_REASONS, type ReportReason } from '../../../../shared/types.js';
import { LiveError } from '../../realtime/requests.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { REPORT_REASON_LABELS } from '../moderation/rules.js';
import { useDiscussion } from './context.js';
import { actionErrorMessage } from './messages.js';

const NOTE_MAX = LIMITS.noteMax;

/**
 * "Report" under someone else's comment: a reason (spam, abuse, off topic, illegal content, other
 * with a note) sent to the moderators with `comment:report`. Once reported, the button gives way to
 * a thank-you, and a second report of the same comment is answered in words.
 */
export function ReportButton({ commentId }: { commentId: string }) {
  const { selfId } = useDiscussion();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason>('spam');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const button = useRef<HTMLButtonElement>(null);

  if (selfId === null) return null;
  if (done) {
    return (
      <span className="report-done" role="status">
        {done}
      </span>
    );
  }

  const close = () => {
    setOpen(false);
    setError('');
    requestAnimationFrame(() => button.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = note.trim();
    if (reason === 'other' && !words) {
      setError('Tell the moderators what is wrong in a few words.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await request(connectAs(selfId), 'comment:report', { commentId, reason, ...(words ? { note: words } : {}) });
      setDone('Reported — thank you. A moderator will look at it.');
    } catch (err) {
      if (err instanceof LiveError && err.code === 'ALREADY_REPORTED')
        setDone('You have already reported this comment.');
      else setError(actionErrorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      close();
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="comment__action comment__action--report"
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Report
      </button>
      {open && (
        <form className="report-form" onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown} aria-busy={busy}>
          <fieldset>
            <legend>Why should moderators look at this comment?</legend>
            {REPORT_REASONS.map((r, index) => (
              <label key={r} className="report-form__reason">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={r}
                  checked={reason === r}
                  autoFocus={index === 0}
                  onChange={() => setReason(r)}
                />{' '}
                {REPORT_REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <label className="report-form__note-label" htmlFor={`${id}-note`}>
            Note for the moderators{reason === 'other' ? '' : <span className="field__optional"> (optional)</span>}
          </label>
          <textarea
            id={`${id}-note`}
            className="report-form__note"
            dir="auto"
            rows={2}
            maxLength={NOTE_MAX}
            value={note}
            aria-invalid={error && reason === 'other' && !note.trim() ? true : undefined}
            onChange={(event) => setNote(event.target.value)}
          />
          <p className="report-form__error" role="alert">
            {error}
          </p>
          <div className="mod-form__buttons">
            <button type="submit" className="button button--small" disabled={busy}>
              {busy ? 'Sending…' : 'Send report'}
            </button>
            <button type="button" className="button button--quiet button--small" onClick={close} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </>
  );
}
