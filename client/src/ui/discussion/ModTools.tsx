import { useRef, useState } from 'react';
import type { Comment, ModAction } from '../../../../shared/types.js';
import { request } from '../../realtime/requests.js';
import { connectAs } from '../../realtime/socket.js';
import { RemoveForm } from '../moderation/RemoveForm.js';
import { actionsFor } from '../../../../shared/moderation.js';
import { ACTION_LABELS, actionPast, isRace, modErrorMessage } from '../moderation/rules.js';
import { useDiscussion } from './context.js';

/**
 * The moderator's inline buttons under a comment in the thread: Remove (with a reason), Restore,
 * Approve, Hold, Feature and Unfeature, as they apply. The thread carries plain comments, so the
 * comment's modVersion is read with `mod:context` at the moment the moderator decides, and the
 * action names it: if another moderator acted in between, the server answers ALREADY_HANDLED.
 */
export function ModTools({ comment }: { comment: Comment }) {
  const { thread, selfId } = useDiscussion();
  const [removing, setRemoving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const decidedOn = useRef<Promise<number> | null>(null);
  const removeButton = useRef<HTMLButtonElement>(null);

  if (selfId === null) return null;
  const socket = connectAs(selfId);
  // Approval of a visible comment only matters for reports, which the desk shows.
  const actions =
    comment.status === 'deleted'
      ? []
      : actionsFor({ status: comment.status, featured: comment.featured, approved: true });
  if (actions.length === 0) return null;

  const currentVersion = async () =>
    (await request(socket, 'mod:context', { commentId: comment.id })).comment.modVersion;

  const act = async (action: ModAction, reason?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const version = await (decidedOn.current ?? currentVersion());
      await request(socket, 'mod:action', {
        commentId: comment.id,
        action,
        expectedVersion: version,
        ...(reason ? { reason } : {}),
      });
      setRemoving(false);
      setMessage({ text: `Comment ${actionPast(action)}.`, error: false });
    } catch (err) {
      setMessage({ text: modErrorMessage(err), error: true });
      if (isRace(err)) {
        setRemoving(false);
        // The live change is on its way; a sync makes sure the thread shows the state that won.
        void thread.sync().catch(() => undefined);
      }
    } finally {
      decidedOn.current = null;
      setBusy(false);
    }
  };

  const openRemove = () => {
    // The version the moderator sees when deciding is the one the removal names.
    const pending = currentVersion();
    pending.catch(() => undefined);
    decidedOn.current = pending;
    setMessage(null);
    setRemoving(true);
  };

  const closeRemove = () => {
    decidedOn.current = null;
    setRemoving(false);
    requestAnimationFrame(() => removeButton.current?.focus());
  };

  return (
    <div className="mod-tools">
      <div className="mod-tools__bar" role="group" aria-label="Moderation">
        <span className="mod-tools__label" aria-hidden="true">
          Moderate
        </span>
        {actions.map((action) =>
          action === 'remove' ? (
            <button
              key={action}
              ref={removeButton}
              type="button"
              className="mod-button mod-button--danger"
              aria-expanded={removing}
              disabled={busy}
              onClick={() => (removing ? closeRemove() : openRemove())}
            >
              Remove
            </button>
          ) : (
            <button key={action} type="button" className="mod-button" disabled={busy} onClick={() => void act(action)}>
              {ACTION_LABELS[action]}
            </button>
          ),
        )}
      </div>
      {removing && <RemoveForm onSubmit={(reason) => act('remove', reason)} onCancel={closeRemove} />}
      <p className={`mod-tools__message${message?.error ? ' mod-tools__message--error' : ''}`} role="status">
        {message?.text}
      </p>
    </div>
  );
}
