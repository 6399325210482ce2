import { lazy, Suspense, useState } from 'react';
import type { DebateView } from '../../../../shared/debate/model.js';
import type { SelfUser } from '../../../../shared/types.js';

/** The summaries bring the rich-text editor (TipTap, Yjs): loaded only when someone opens them. */
const PositionSummary = lazy(() =>
  import('../summaries/PositionSummary.js').then((m) => ({ default: m.PositionSummary })),
);

/** The panel's guess of who may edit a position's summary; the server decides (see PositionSummary). */
function mayEdit(view: DebateView, user: SelfUser | null, positionId: string): boolean {
  if (!user) return false;
  if (user.role !== 'reader' || view.role.kind === 'host') return true;
  return view.role.kind === 'debater' && view.role.positionId === positionId;
}

/**
 * Each position's summary, written live by its side. Folded for the audience until they open it
 * (each open summary holds a live connection); open from the start for those who write them.
 */
export function Summaries({ view, user }: { view: DebateView; user: SelfUser | null }) {
  const writes = view.positions.some((p) => mayEdit(view, user, p.id));
  const [open, setOpen] = useState(writes);
  return (
    <details className="debate-summaries" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="debate-summaries__toggle">Position summaries</summary>
      {open && (
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading the summaries…
            </p>
          }
        >
          <div className="debate-summaries__list">
            {view.positions.map((p) => (
              <PositionSummary
                key={p.id}
                debateId={view.id}
                positionId={p.id}
                positionName={p.name}
                canEdit={mayEdit(view, user, p.id)}
              />
            ))}
          </div>
        </Suspense>
      )}
    </details>
  );
}
