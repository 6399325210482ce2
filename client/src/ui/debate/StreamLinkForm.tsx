import { useId, useState, type FormEvent } from 'react';
import { parseStreamLink } from '../../../../shared/debate/stream-link.js';
import { useAction } from './useAction.js';

/**
 * The host console's "Live stream" field: paste a YouTube, Vimeo or HLS link and save it, or
 * remove the one shown. A link the shared parser refuses is explained here, before it is sent;
 * the server checks it again with the same parser.
 */
export function StreamLinkForm({
  current,
  onSave,
}: {
  current: string | null;
  onSave: (url: string | null) => Promise<void>;
}) {
  const inputId = useId();
  const hintId = useId();
  const problemId = useId();
  const action = useAction();
  const [draft, setDraft] = useState(current ?? '');
  const [problem, setProblem] = useState('');
  const message = problem || action.error;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseStreamLink(draft);
    if (!parsed.ok) {
      setProblem(parsed.reason);
      return;
    }
    setProblem('');
    void action.run(() => onSave(draft.trim()));
  };
  const remove = () => {
    setProblem('');
    void action.run(async () => {
      await onSave(null);
      setDraft('');
    });
  };

  return (
    <form className="host-console__stream stream-link" onSubmit={save} noValidate data-testid="stream-link-form">
      <div className={`field${message ? ' field--invalid' : ''}`}>
        <label htmlFor={inputId} className="field__label">
          Live stream
        </label>
        <div className="stream-link__row">
          <input
            id={inputId}
            className="field__input stream-link__input"
            type="url"
            inputMode="url"
            autoComplete="off"
            placeholder="https://www.youtube.com/watch?v=…"
            value={draft}
            aria-describedby={`${hintId} ${problemId}`}
            aria-invalid={message ? true : undefined}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setProblem('');
            }}
          />
          <button type="submit" className="button button--small" aria-disabled={action.busy}>
            Save
          </button>
          {current && (
            <button
              type="button"
              className="button button--small button--quiet"
              aria-disabled={action.busy}
              onClick={() => {
                if (!action.busy) remove();
              }}
            >
              Remove
            </button>
          )}
        </div>
        <p id={hintId} className="stream-link__hint">
          A YouTube, Vimeo or HLS (.m3u8) link, shown to everyone above the floor.
        </p>
        <p id={problemId} className="debate-error" role="alert">
          {message}
        </p>
      </div>
    </form>
  );
}
