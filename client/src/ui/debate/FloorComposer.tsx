import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { splitParagraphs, type StatementVia } from '../../../../shared/debate/statements.js';
import { LIMITS } from '../../../../shared/schemas.js';
import { SayError } from '../../realtime/useTranscript.js';
import { debateErrorMessage } from './useAction.js';
import { formatClock } from './words.js';

export interface FloorComposerProps {
  onSay(text: string): Promise<number>;
  /** For a hand given the floor: what is left of their turn (ms). */
  turnLeftMs: number | null;
  via: StatementVia;
  /** The position the viewer speaks for, if any. */
  forPosition: string | null;
}

function hint(via: StatementVia, forPosition: string | null): string {
  const common = 'Post each paragraph as you deliver it; a blank line starts the next one. Ctrl+Enter posts.';
  if (via === 'host')
    return `You are the host: what you post here goes out in your name${forPosition ? `, for ${forPosition}` : ''}. ${common}`;
  if (via === 'floor') return `Your turn ends when its time runs out or the host takes the floor back. ${common}`;
  return `It is your side’s turn${forPosition ? ` (${forPosition})` : ''}. ${common}`;
}

/** The composer of the statement stream, for whoever may speak now: one paragraph (or several) per post. */
export function FloorComposer({ onSay, turnLeftMs, via, forPosition }: FloorComposerProps) {
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const paragraphs = splitParagraphs(text);
  const tooLong = paragraphs.some((p) => p.length > LIMITS.statementMax);

  const post = async () => {
    if (busy || paragraphs.length === 0 || tooLong) return;
    setBusy(true);
    setError('');
    try {
      await onSay(text);
      setText('');
    } catch (err) {
      // What went in is gone from the box; what was refused stays, to try again.
      if (err instanceof SayError && err.posted > 0) setText(paragraphs.slice(err.posted).join('\n\n'));
      setError(debateErrorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void post();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    }
  };

  return (
    <form className="floor__composer" onSubmit={submit} aria-busy={busy} data-testid="floor-composer">
      <label htmlFor={inputId} className="floor__composer-label">
        Your statement
        {turnLeftMs !== null && (
          <span className="floor__turn">
            {' '}
            · <span role="timer">{formatClock(turnLeftMs)}</span> left of your turn
          </span>
        )}
      </label>
      <p id={hintId} className="floor__hint muted">
        {hint(via, forPosition)}
      </p>
      <textarea
        id={inputId}
        className="floor__input"
        dir="auto"
        rows={3}
        value={text}
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="floor__composer-row">
        <button type="submit" className="button" disabled={busy || paragraphs.length === 0 || tooLong}>
          {paragraphs.length > 1 ? `Post ${paragraphs.length} paragraphs` : 'Post paragraph'}
        </button>
        {tooLong && (
          <span className="floor__too-long" role="status">
            A paragraph may hold up to {LIMITS.statementMax} characters; split it with a blank line.
          </span>
        )}
      </span>
      <p className="debate-error" role="alert">
        {error}
      </p>
    </form>
  );
}
