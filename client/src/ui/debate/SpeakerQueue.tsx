import { useId } from 'react';
import { isPhaseLive } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import type { DebateActions } from '../../realtime/useDebate.js';
import { useAction } from './useAction.js';

export interface SpeakerQueueProps {
  view: DebateView;
  selfId: string | null;
  actions: Pick<DebateActions, 'hand' | 'giveFloor'>;
}

/**
 * The speaker queue: hands in the order they went up. Anyone signed in raises or lowers their own
 * hand; the host gives the floor, lowers hands and takes the floor back.
 */
export function SpeakerQueue({ view, selfId, actions }: SpeakerQueueProps) {
  const headingId = useId();
  const action = useAction();
  const isHost = view.role.kind === 'host';
  const { state } = view;
  const hands = [...view.hands].sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
  const myHandUp = selfId !== null && hands.some((h) => h.userId === selfId);
  const open = state.status !== 'closed';
  const live = isPhaseLive(state);

  return (
    <section className="debate-queue" aria-labelledby={headingId}>
      <h3 id={headingId} className="debate-section__heading">
        Speaker queue
      </h3>
      {isHost && state.floor && (
        <p className="debate-queue__floor">
          <bdi>{state.floor.name}</bdi> has the floor.{' '}
          <button
            type="button"
            className="button button--quiet button--small"
            disabled={action.busy}
            onClick={() => void action.run(() => actions.giveFloor(null))}
          >
            Take the floor back
          </button>
        </p>
      )}
      {hands.length === 0 ? (
        <p className="muted">No hands are up.</p>
      ) : (
        <ol className="debate-queue__hands" data-testid="hands">
          {hands.map((hand) => (
            <li key={hand.userId} className="debate-queue__hand">
              <bdi className="debate-queue__name">{hand.name}</bdi>
              {hand.userId === selfId && <span className="debate-queue__you"> (you)</span>}
              {isHost && (
                <span className="debate-queue__actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={action.busy || !live}
                    title={live ? undefined : 'The floor is given during the phases.'}
                    onClick={() => void action.run(() => actions.giveFloor(hand.userId))}
                    aria-label={`Give the floor to ${hand.name}`}
                  >
                    Give the floor
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    disabled={action.busy}
                    onClick={() => void action.run(() => actions.hand(false, hand.userId))}
                  >
                    {/* The name spoken starts with the words shown (WCAG 2.5.3, label in name). */}
                    Lower hand<span className="visually-hidden"> of {hand.name}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {!isHost && selfId !== null && open && (
        <button
          type="button"
          className="button button--quiet button--small"
          disabled={action.busy}
          onClick={() => void action.run(() => actions.hand(!myHandUp))}
        >
          {myHandUp ? 'Lower my hand' : 'Raise my hand'}
        </button>
      )}
      <p className="debate-error" role="alert">
        {action.error}
      </p>
    </section>
  );
}
