import { useCallback, useState } from 'react';
import { isUndoable, UNDO_WINDOW_MS, type AuditView } from '../../../../shared/moderation.js';
import { request, type ParleyClientSocket } from '../../realtime/requests.js';
import { auditWhat } from './AuditLog.js';
import { modErrorMessage } from './rules.js';
import { useLiveAudit } from './useLiveAudit.js';
import './desk-context.css';

/**
 * "You removed “…”. Undo": the moderator's own last undoable action, offered back for
 * UNDO_WINDOW_MS (issue 15). It follows the live audit feed, so an action taken from the desk, the
 * inline tools or another tab of the same moderator is offered here.
 */
export function UndoBar({ socket, selfId, now }: { socket: ParleyClientSocket; selfId: string; now: number }) {
  const [last, setLast] = useState<AuditView | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const onEntry = useCallback(
    (entry: AuditView) => {
      if (entry.actorId !== selfId) return;
      if (isUndoable(entry.action)) {
        setLast(entry);
        setMessage(null);
      } else if (entry.action === 'undo') {
        setLast(null);
      }
    },
    [selfId],
  );
  useLiveAudit(socket, onEntry);

  const undo = async () => {
    if (!last) return;
    setBusy(true);
    try {
      await request(socket, 'mod:undo', { auditId: last.id });
      setMessage({ text: `Undone: ${auditWhat(last.action)}.`, error: false });
      setLast(null);
    } catch (err) {
      setMessage({ text: `Could not undo. ${modErrorMessage(err)}`, error: true });
      setLast(null);
    } finally {
      setBusy(false);
    }
  };

  const open = last !== null && now - Date.parse(last.at) < UNDO_WINDOW_MS;
  return (
    <div className="undo-bar" role="status" data-testid="undo-bar">
      {open && (
        <p className="undo-bar__line">
          <span>
            You {auditWhat(last.action)}
            {last.comment?.excerpt && (
              <>
                {' '}
                <span dir="auto" className="undo-bar__excerpt">
                  “{last.comment.excerpt}”
                </span>
              </>
            )}
            {!last.comment && last.targetUser && (
              <>
                {' '}
                (<bdi>{last.targetUser.name}</bdi>)
              </>
            )}
          </span>{' '}
          <button type="button" className="button button--small" onClick={() => void undo()} disabled={busy}>
            {busy ? 'Undoing…' : 'Undo'}
          </button>
        </p>
      )}
      {message && (
        <p className={`undo-bar__line${message.error ? ' desk-item__message--error' : ''}`}>{message.text}</p>
      )}
    </div>
  );
}
