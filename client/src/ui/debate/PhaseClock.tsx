import { useEffect, useState } from 'react';
import { isPhaseLive, remainingMs } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { formatClock, phaseTitle, positionName } from './words.js';

const TICK_MS = 250;

/** The server's time now, read through `offsetMs` and renewed every TICK_MS while `ticking`. */
function useServerNow(offsetMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the clock (an external system) when ticking starts or stops
    setNow(Date.now());
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now + offsetMs;
}

/**
 * What is happening: the phase (or stage), a big countdown drawn from the server's end time (DESIGN
 * rule 6: every client shows the same time), "paused" while the host holds the clock, and who has
 * the floor.
 */
export function PhaseClock({ view, offsetMs }: { view: DebateView; offsetMs: number }) {
  const { state, plan, positions } = view;
  const live = isPhaseLive(state);
  const phase = live ? plan[state.phaseIndex] : undefined;
  const serverNow = useServerNow(offsetMs, live && state.clock.running);
  const left = remainingMs(state.clock, serverNow);
  const showClock = live || state.status === 'scheduled' || state.status === 'pre-vote';
  const turn = phase?.positionId ? positionName(positions, phase.positionId) : null;

  return (
    <div className="debate-clock">
      <p className="debate-clock__phase" data-testid="debate-phase" aria-live="polite">
        {phaseTitle(view)}
      </p>
      {showClock && (
        <p className={`debate-clock__time${live && !state.clock.running ? ' debate-clock__time--paused' : ''}`}>
          {/* A timer is not announced every second; the phase above is. */}
          <span role="timer" aria-label="Time left in this phase" data-testid="debate-countdown">
            {formatClock(left)}
          </span>
          {live && !state.clock.running && <span className="debate-clock__paused">paused</span>}
          {!live && <span className="debate-clock__paused">first phase, not started</span>}
        </p>
      )}
      {live && (
        <p className="debate-clock__floor" data-testid="debate-floor">
          {state.floor ? (
            <>
              Has the floor: <bdi className="debate-clock__speaker">{state.floor.name}</bdi>
            </>
          ) : turn ? (
            <>
              Speaking: <bdi className="debate-clock__speaker">{turn}</bdi>
            </>
          ) : (
            'The floor is open.'
          )}
        </p>
      )}
    </div>
  );
}
