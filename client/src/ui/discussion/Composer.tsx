import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { LIMITS } from '../../../../shared/schemas.js';
import { ComposerTabs, type ComposerView } from './ComposerTabs.js';
import { renderCommentMarkdown } from './comment-markdown.js';
import { actionErrorMessage, busyMessage } from './messages.js';
import { sendRetryingOnceWhenBusy } from './retry-when-busy.js';

export interface ComposerProps {
  /** The textarea's label: "Write a comment", "Write a reply", "Edit your comment". */
  label: string;
  /** The submit button: "Post comment", "Post reply", "Save". */
  submitLabel: string;
  busyLabel: string;
  placeholder?: string;
  /** The text the box opens with (an edit, a quote, a kept draft); the caret goes after it. */
  initialBody?: string;
  autoFocus?: boolean;
  /** Shown under the label (slow mode). */
  note?: ReactNode;
  className?: string;
  /** Sends the text (and the position it argues for, when `positions` are offered); rejects with the reason it was refused. */
  onSubmit(body: string, positionId: string | null): Promise<void>;
  /**
   * Shows a Cancel button (reply and edit); Escape anywhere in the box cancels too. Gets the text as
   * it stands, so the caller can keep it as a draft and nothing typed is lost.
   */
  onCancel?(draft: string): void;
  /** Told the text on every change (the caller keeps a draft, to add a quote to it). */
  onDraft?(body: string): void;
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
 * A text box that posts: a label, Write / Preview tabs (the Markdown as it will show), a formatting
 * hint, a character counter against the comment limit, Ctrl/Cmd+Enter to send, no double sends,
 * and the server's refusal in words in a live region. When the server is overloaded (nothing was
 * saved) it says so calmly and sends once more after the wait it named. After a post focus is back
 * in the box; Escape closes a reply or edit box.
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
  onDraft,
  clearOnSend = true,
  blockedReason = null,
  positions = [],
}: ComposerProps) {
  const id = useId();
  const [body, setBodyState] = useState(initialBody);
  const [view, setView] = useState<ComposerView>('write');
  const formRef = useRef<HTMLFormElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const setBody = (next: string) => {
    setBodyState(next);
    onDraft?.(next);
  };
  // Kept between posts: people tend to argue one side.
  const [positionId, setPositionId] = useState('');
  const arguing = positions.some((p) => p.id === positionId) ? positionId : null;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  /** A calm word while an overloaded server's wait runs ("Busy right now — trying again in 3 s."). */
  const [notice, setNotice] = useState('');
  const sendingRef = useRef(false);
  const length = lengthOf(body);
  const tooLong = length > LIMITS.commentMax;
  const empty = length === 0;
  const blocked = blockedReason !== null;

  // An inline composer opens at the reader's request, so focus follows, with the caret after any
  // text it opened with (a quote, a kept draft, the comment being edited).
  useEffect(() => {
    const box = textRef.current;
    if (!autoFocus || !box) return;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    box.scrollTop = box.scrollHeight;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the box opens
  }, []);

  /**
   * After a post, focus goes back into the box (the Post button it was on went disabled, which
   * drops focus to the page body), unless the reader has moved on or the box has gone (a reply:
   * its caller focuses the new comment).
   */
  const refocusAfterSend = () =>
    requestAnimationFrame(() => {
      const active = document.activeElement;
      const lost = active === null || active === document.body || formRef.current?.contains(active) === true;
      if (lost) textRef.current?.focus();
    });

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
      await sendRetryingOnceWhenBusy(
        () => onSubmit(sent, arguing),
        (ms) => setNotice(busyMessage(ms, true)),
      );
      setBody('');
      setView('write');
      refocusAfterSend();
    } catch (err) {
      setBody(sent);
      setError(actionErrorMessage(err));
    } finally {
      setNotice('');
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
    }
  };

  /** Escape from anywhere in the box (text, tabs, buttons) closes a reply or an edit. */
  const handleFormKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || !onCancel || sending || event.defaultPrevented || event.nativeEvent.isComposing)
      return;
    event.preventDefault();
    onCancel(body);
  };

  return (
    <form
      ref={formRef}
      className={`composer ${className ?? ''}`}
      onSubmit={handleSubmit}
      onKeyDown={handleFormKeyDown}
      aria-busy={sending}
    >
      <div className="composer__head">
        <label className="composer__label" htmlFor={`${id}-text`}>
          {label}
        </label>
        <ComposerTabs idPrefix={id} view={view} onView={setView} />
      </div>
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
      <div role="tabpanel" id={`${id}-write`} aria-labelledby={`${id}-write-tab`} hidden={view !== 'write'}>
        <textarea
          ref={textRef}
          id={`${id}-text`}
          className="composer__input"
          dir="auto"
          value={body}
          placeholder={placeholder}
          rows={3}
          readOnly={sending}
          disabled={blocked}
          aria-invalid={tooLong || undefined}
          aria-describedby={`${id}-count ${id}-format${note ? ` ${id}-note` : ''}${blocked ? ` ${id}-blocked` : ''}${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={handleKeyDown}
        />
      </div>
      <div
        role="tabpanel"
        id={`${id}-preview`}
        aria-labelledby={`${id}-preview-tab`}
        hidden={view !== 'preview'}
        // Focusable, so the keyboard reaches a preview with no link in it straight from its tab.
        tabIndex={0}
        className="composer__preview"
        data-testid="composer-preview"
      >
        {view === 'preview' &&
          (empty ? (
            <p className="composer__preview-empty">Nothing to preview yet.</p>
          ) : (
            // Safe: renderCommentMarkdown sanitises with DOMPurify, as for posted comments.
            <div className="comment__body" dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(body) }} />
          ))}
      </div>
      <p className="composer__format" id={`${id}-format`}>
        <span className="visually-hidden">Formatting: </span>
        <code>**bold**</code>, <code>*italic*</code>, <code>&gt; quote</code>, <code>[link](https://…)</code>
      </p>
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
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => onCancel(body)}
              disabled={sending}
            >
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
      <p className="composer__status" role="status">
        {notice}
      </p>
      <p className="composer__error" id={`${id}-error`} role="alert">
        {error}
      </p>
    </form>
  );
}
