import { useState } from 'react';
import type { GroundProposal } from '../../../../shared/common-ground.js';
import { groundErrorMessage } from './messages.js';

/** For those who manage the scope: the proposals waiting, each with Approve and Reject. */
export function ProposalQueue({
  proposals,
  onDecide,
}: {
  proposals: GroundProposal[];
  onDecide(statementId: string, decision: 'approve' | 'reject'): Promise<void>;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState('');
  if (proposals.length === 0) return <p className="muted">No proposals are waiting.</p>;

  const decide = async (id: string, decision: 'approve' | 'reject') => {
    setBusy(id);
    setError('');
    try {
      await onDecide(id, decision);
    } catch (err) {
      setError(groundErrorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ul className="ground-queue" data-testid="ground-proposals">
        {proposals.map((p) => (
          <li key={p.id} className="ground-queue__item">
            <p className="ground-queue__text" dir="auto">
              {p.text}
            </p>
            <p className="ground-queue__meta muted">
              Proposed by <bdi>{p.proposedBy?.name ?? 'a removed account'}</bdi>
            </p>
            <div className="ground-queue__actions" role="group" aria-label={`Decide: ${p.text}`}>
              <button
                type="button"
                className="mod-button mod-button--go"
                disabled={busy === p.id}
                onClick={() => void decide(p.id, 'approve')}
              >
                Approve
              </button>
              <button
                type="button"
                className="mod-button mod-button--danger"
                disabled={busy === p.id}
                onClick={() => void decide(p.id, 'reject')}
              >
                Reject
              </button>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p className="ground__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
