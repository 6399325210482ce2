import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { LIMITS } from '../../../../shared/schemas.js';
import { actionErrorMessage } from './messages.js';

export interface ComposerProps {
  /** The textarea's label: "Write a comment", "Write a reply", "Edit your comment". */
  label: string;
  /** The submit button: "Post comment", "Post reply", "Save". */
  submitLabel: string;
  busyLabel: string;
  placeholder?: string;
  initialBody?: string;
  autoFocus?: boolean;
  /** Shown under the label (slow mode). */
  note?: ReactNode;
  className?: string;
  /** Sends the text (and the position it argues for, when `positions` are offered); rejects with the reason it was refused. */
  onSubmit(body: string, positionId: string | null): Promise<void>;
  /** Shows a Cancel button (reply and edit); Escape also cancels while the text is unchanged. */
  onCancel?(): void;
  /** Empties the box while sending (new comments and replies); false keeps it (edits). */
  clearOnSend?: boolean;
  /** Why the user may not post now (muted, banned, a warning to confirm): the box is disabled and says so. */
  blockedReason?: string | null;
  /** The article's debate positions: an "Arguing for" choice shows when there are any. */
  positions?: Array<{ id: string; name: string }>;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
const numberFormat = new Intl.NumberFormat('en');

/** Counts as the server does: NFC-normalised and trimmed (shared/schemas.ts cleanText). */
function lengthOf(body: string): number {
  return body.normalize('NFC').trim().length;
}

/**
 * A text box that posts: a label, a character counter against the comment limit, Ctrl/Cmd+Enter to
 * send, no double sends, and the server's refusal in words in a live region.
 */
export function Composer({
  label,
  submitLabel,
  busyLabel,
  placeholder,
  initialBody = '',
  autoFocus = false,
  note,
  className,
  onSubmit,
  onCancel,
  clearOnSend = true,
  blockedReason = null,
  positions = [],
}: ComposerProps) {
  const id = useId();
  const [body, setBody] = useState(initialBody);
  // Kept between posts: people tend to argue one side.
  const [positionId, setPositionId] = useState('');
  const arguing = positions.some((p) => p.id === positionId) ? positionId : null;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const sendingRef = useRef(false);
  const length = lengthOf(body);
  const tooLong = length > LIMITS.commentMax;
  const empty = length === 0;
  const blocked = blockedReason !== null;

  const submit = async () => {
    if (sendingRef.current || empty || tooLong || blocked) return;
    sendingRef.current = true;
    setSending(true);
    setError('');
    const sent = body;
    // The live broadcast of the new comment can arrive before the acknowledgement: empty the box
    // now, so the text is never on the page twice, and put it back if the server refuses it.
    if (clearOnSend) setBody('');
    try {
      await onSubmit(sent, arguing);
      setBody('');
    } catch (err) {
      setBody(sent);
      setError(actionErrorMessage(err));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel && body === initialBody && !sending) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className={`composer ${className ?? ''}`} onSubmit={handleSubmit} aria-busy={sending}>
      <label className="composer__label" htmlFor={`${id}-text`}>
        {label}
      </label>
      {note && (
        <p className="composer__note" id={`${id}-note`}>
          {note}
        </p>
      )}
      {blocked && (
        <p className="composer__blocked" id={`${id}-blocked`}>
          {blockedReason}
        </p>
      )}
      <textarea
        id={`${id}-text`}
        className="composer__input"
        dir="auto"
        value={body}
        placeholder={placeholder}
        rows={3}
        readOnly={sending}
        disabled={blocked}
        // The dialog-less inline composers open at the reader's request, so focus follows.
        autoFocus={autoFocus}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-count${note ? ` ${id}-note` : ''}${blocked ? ` ${id}-blocked` : ''}${error ? ` ${id}-error` : ''}`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={handleKeyDown}
      />
      {positions.length > 0 && (
        <p className="composer__position">
          <label htmlFor={`${id}-position`}>Arguing for</label>
          <select
            id={`${id}-position`}
            value={arguing ?? ''}
            disabled={blocked}
            onChange={(event) => setPositionId(event.target.value)}
          >
            <option value="">No position</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      )}
      <div className="composer__footer">
        <span id={`${id}-count`} className={`composer__count${tooLong ? ' composer__count--over' : ''}`}>
          {numberFormat.format(length)} / {numberFormat.format(LIMITS.commentMax)}
          <span className="visually-hidden"> characters</span>
          {tooLong && <span> (too long)</span>}
        </span>
        <span className="composer__hint" aria-hidden="true">
          {isMac ? '⌘' : 'Ctrl'} + Enter to send
        </span>
        <span className="composer__buttons">
          {onCancel && (
            <button type="button" className="button button--quiet button--small" onClick={onCancel} disabled={sending}>
              Cancel
            </button>
          )}
          <button
            type="submit"
            className="button button--primary button--small"
            disabled={sending || empty || tooLong || blocked}
          >
            {sending ? busyLabel : submitLabel}
          </button>
        </span>
      </div>
      <p className="composer__error" id={`${id}-error`} role="alert">
        {error}
      </p>
    </form>
  );
}
