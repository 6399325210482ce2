import { CloseCode } from '../../../../shared/close-codes.js';
import { useEffect, useEffectEvent, useId, useMemo } from 'react';
import { positionDocName } from '../../../../shared/doc-names.js';
import type { DocAccess } from '../../../../shared/collab.js';
import { getDocAccess } from '../../collab/api.js';
import { colorFor } from '../../collab/colors.js';
import type { DocConnection, CollabStatus } from '../../collab/connection.js';
import { useCollabConnection, useCollabStatus, useEditors, type Editor } from '../../collab/hooks.js';
import { useResource } from '../../api/useResource.js';
import { useSession } from '../../state/session.js';
import { LoadError } from '../layout/LoadError.js';
import { listen } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { formatDateTime } from '../time.js';
import { SummaryEditor } from './SummaryEditor.js';
import { VersionHistory } from './VersionHistory.js';
import './summaries.css';

export interface PositionSummaryProps {
  debateId: string;
  positionId: string;
  positionName: string;
  /**
   * What the debate panel believes (host, this position's debaters, moderators). Only a hint for
   * the first paint: the server's GET /api/collab/access decides, and the socket enforces it.
   */
  canEdit: boolean;
}

function statusText(status: CollabStatus, editors: Editor[]): string {
  switch (status.state) {
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'refused':
      return status.message;
    case 'connected':
      return editors.length > 0 ? `Connected · ${editors.length} editing` : 'Connected';
  }
}

function ConnectionLine({
  connection,
  status,
  editors,
}: {
  connection: DocConnection | null;
  status: CollabStatus;
  editors: Editor[];
}) {
  return (
    <div className={`summary-status summary-status--${status.state}`}>
      <span role="status" data-testid="summary-status">
        {statusText(status, editors)}
      </span>
      {status.state === 'connected' && editors.length > 0 && (
        <ul className="summary-status__editors" aria-label="Editing now">
          {editors.map((e) => (
            <li key={e.clientId} dir="auto">
              <span className="summary-status__dot" style={{ backgroundColor: e.color }} aria-hidden="true" />
              {e.name}
            </li>
          ))}
        </ul>
      )}
      {status.state === 'refused' && connection && (
        <button type="button" className="button button--quiet button--small" onClick={connection.retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Why a debater reads only though their part lets them write: the sanction, until when, and why. */
function writeRefusedText(refusal: NonNullable<DocAccess['writeRefused']>): string {
  if (refusal.code === 'WARNING_UNACKNOWLEDGED')
    return 'Read only: a moderator has warned you. Confirm the warning under the article to edit again.';
  const { until, reason } = refusal.meta ?? {};
  const what = refusal.code === 'MUTED' ? 'you are muted' : 'you are banned';
  const when = until ? ` until ${formatDateTime(until)}` : '';
  return `Read only: ${what}${when}.${reason ? ` Reason: ${reason}` : ''}`;
}

/** The editor and its surroundings, for one identity and the access the server granted it. */
function SummaryBody({
  docName,
  positionName,
  access,
  onAccessLost,
}: {
  docName: string;
  positionName: string;
  access: DocAccess;
  onAccessLost(): void;
}) {
  const { user } = useSession();
  const identity = `${user?.id ?? 'guest'}:${access.canEdit ? 'edit' : 'read'}`;
  const connection = useCollabConnection(docName, true, identity);
  const status = useCollabStatus(connection);
  const editors = useEditors(connection, access.canEdit);
  const me = useMemo(() => ({ name: user?.name ?? 'Guest', color: colorFor(user?.id ?? 'guest') }), [user]);

  const lostWrite = status.state === 'refused' && status.code === CloseCode.READ_ONLY;
  // An effect event: `onAccessLost` is a fresh closure on every render, and must not re-run the effect.
  const accessLost = useEffectEvent(onAccessLost);
  useEffect(() => {
    // Edit access was taken away (a roster change): ask again, and reopen read-only. Once per refusal.
    if (lostWrite) accessLost();
  }, [lostWrite]);

  return (
    <>
      <ConnectionLine connection={connection} status={status} editors={editors} />
      {access.writeRefused ? (
        <p className="summary-read-only summary-read-only--sanction" role="status" data-testid="summary-write-refused">
          {writeRefusedText(access.writeRefused)}
        </p>
      ) : (
        !access.canEdit && (
          <p className="summary-read-only muted" data-testid="summary-read-only">
            Read only: the host, this position’s debaters and moderators write this summary. It updates live.
          </p>
        )
      )}
      {connection ? (
        <SummaryEditor
          key={identity}
          connection={connection}
          editable={access.canEdit}
          user={me}
          label={`Summary: ${positionName}`}
          emptyHint={access.canEdit ? `Write the case for ${positionName} together…` : 'Nothing written yet.'}
        />
      ) : (
        <div className="summary-editor summary-editor--placeholder" aria-hidden="true" />
      )}
      <VersionHistory docName={docName} positionName={positionName} canManage={access.canManage} />
    </>
  );
}

/**
 * A position's summary, written together live by those the server lets edit (the host, the
 * position's debaters, moderators and admins) and read live by everyone else; with the other
 * editors' cursors and names, a formatting toolbar, the connection status and the version history.
 */
export function PositionSummary({ debateId, positionId, positionName, canEdit }: PositionSummaryProps) {
  const headingId = useId();
  const { session, user } = useSession();
  const docName = positionDocName(debateId, positionId);
  const restoring = session.status === 'restoring';
  const [access, reloadAccess] = useResource(
    (signal) => (restoring ? new Promise<DocAccess>(() => undefined) : getDocAccess(docName, signal)),
    [docName, restoring, user?.id],
  );
  // A sanction given or lifted changes what this user may do: ask again, and the editor reopens
  // read-only (or editable, on a fresh document) at once.
  const onSanction = useEffectEvent(reloadAccess);
  useEffect(() => (user ? listen(connectAs(user.id), 'account:sanction', () => onSanction()) : undefined), [user]);
  return (
    <section className="position-summary" aria-labelledby={headingId} data-position={positionName}>
      <h3 id={headingId} className="position-summary__title" dir="auto">
        {positionName}
      </h3>
      {access.state === 'loading' && (
        <p className="muted" role="status">
          {canEdit ? 'Opening the summary for editing…' : 'Loading the summary…'}
        </p>
      )}
      {access.state === 'failed' && <LoadError error={access.error} what="this summary" onRetry={reloadAccess} />}
      {access.state === 'ready' && (
        <SummaryBody
          key={user?.id ?? 'guest'}
          docName={docName}
          positionName={positionName}
          access={access.data}
          onAccessLost={reloadAccess}
        />
      )}
    </section>
  );
}
