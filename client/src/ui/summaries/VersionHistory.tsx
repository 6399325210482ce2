import { VERSION_NAME_MAX } from '../../../../shared/collab-schemas.js';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { DocVersionInfo } from '../../../../shared/collab.js';
import { formatDateTime, formatRelative, useNow } from '../time.js';
import { closeDetailsOnEscape, closeOnEscape, returnFocus } from '../layout/escape.js';
import { LoadError } from '../layout/LoadError.js';
import { useVersionHistory } from './useVersionHistory.js';
import { VersionView } from './VersionView.js';
import './summary-history.css';

const REASONS: Record<string, string> = {
  manual: 'Saved',
  phase: 'At a phase change',
  restore: 'Before a restore',
};

const NAME_MAX = VERSION_NAME_MAX;

function SaveForm({ onSave, busy }: { onSave(name: string): Promise<boolean>; busy: boolean }) {
  const id = useId();
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (await onSave(name.trim()))) setName('');
  };
  return (
    <form className="summary-history__save" onSubmit={submit}>
      <label htmlFor={id}>Version name</label>
      <input
        id={id}
        value={name}
        maxLength={NAME_MAX}
        required
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Before the rebuttal"
      />
      <button type="submit" className="button button--quiet" disabled={busy || !name.trim()}>
        Save a version
      </button>
    </form>
  );
}

interface ItemProps {
  version: DocVersionInfo;
  /** The current time (useNow), for "5 min ago". */
  now: number;
  canManage: boolean;
  busy: boolean;
  onView(): void;
  onRestore(): Promise<boolean>;
}

function VersionItem({ version, now, canManage, busy, onView, onRestore }: ItemProps) {
  const [confirming, setConfirming] = useState(false);
  const restoreButton = useRef<HTMLButtonElement>(null);
  // Cancelling (button or Escape) gives the focus back to Restore, which shows again.
  const cancel = () => {
    setConfirming(false);
    returnFocus(() => restoreButton.current);
  };
  const quoted = `“${version.name}”`;
  return (
    <li className="summary-history__item">
      <span className="summary-history__name" dir="auto">
        {version.name}
      </span>
      <span className="muted summary-history__meta">
        {REASONS[version.reason] ?? version.reason} ·{' '}
        <time dateTime={version.createdAt} title={formatDateTime(version.createdAt)}>
          {formatRelative(version.createdAt, now)}
        </time>
      </span>
      <span className="summary-history__actions">
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={busy}
          onClick={onView}
          aria-label={`View version ${quoted}`}
        >
          View
        </button>
        {canManage && !confirming && (
          <button
            ref={restoreButton}
            type="button"
            className="button button--quiet button--small"
            disabled={busy}
            onClick={() => setConfirming(true)}
            aria-label={`Restore version ${quoted}`}
          >
            Restore
          </button>
        )}
      </span>
      {confirming && (
        <div
          className="summary-history__confirm"
          role="group"
          aria-label={`Confirm restoring ${quoted}`}
          onKeyDown={(event) =>
            closeOnEscape(
              event,
              () => setConfirming(false),
              () => restoreButton.current,
            )
          }
        >
          <p>
            Make the summary read as {quoted} again? Everyone sees the change; the current text is kept as a version
            first.
          </p>
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void onRestore().then(() => setConfirming(false))}
          >
            Yes, restore {quoted}
          </button>
          <button type="button" className="button button--quiet button--small" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The version history of one summary: the list (loaded when opened), a read-only view of any
 * version, and for the host and moderators saving a named version and restoring one.
 */
export function VersionHistory({
  docName,
  positionName,
  canManage,
}: {
  docName: string;
  positionName: string;
  canManage: boolean;
}) {
  const [open, setOpen] = useState(false);
  const history = useVersionHistory(docName, open);
  const now = useNow();
  const { versions, viewing, notice, busy } = history;
  return (
    <details
      className="summary-history"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={closeDetailsOnEscape}
    >
      <summary>Version history</summary>
      {canManage && <SaveForm onSave={history.save} busy={busy !== null} />}
      {notice && (
        <p
          className={notice.kind === 'failed' ? 'load-error' : 'muted'}
          role={notice.kind === 'failed' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      )}
      {versions.state === 'loading' && <p className="muted">Loading versions…</p>}
      {versions.state === 'failed' && <LoadError error={versions.error} what="the versions" onRetry={history.reload} />}
      {versions.state === 'ready' && versions.data?.length === 0 && <p className="muted">No versions yet.</p>}
      {versions.state === 'ready' && versions.data && versions.data.length > 0 && (
        <ol className="summary-history__list" aria-label={`Versions of ${positionName}`}>
          {versions.data.map((version) => (
            <VersionItem
              key={version.id}
              version={version}
              now={now}
              canManage={canManage}
              busy={busy !== null}
              onView={() => void history.view(version.id)}
              onRestore={() => history.restore(version)}
            />
          ))}
        </ol>
      )}
      {viewing && (
        <section className="summary-version" aria-label={`Version “${viewing.name}”`}>
          <div className="summary-version__head">
            <h4 dir="auto">{viewing.name}</h4>
            <button type="button" className="button button--quiet button--small" onClick={history.closeView}>
              Close version
            </button>
          </div>
          <VersionView key={viewing.id} version={viewing} label={`${positionName}, version “${viewing.name}”`} />
        </section>
      )}
    </details>
  );
}
