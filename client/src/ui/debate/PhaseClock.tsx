import { useEffect, useState } from 'react';
import { isOvertime, isPhaseLive, remainingMs } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { DebateAnnouncer } from './DebateAnnouncer.js';
import { formatClock, phaseTitle, positionName } from './words.js';
import './phase-clock.css';

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
 * rule 6: every client shows the same time), "paused" while the host holds the clock, "Overtime"
 * counting up once a running phase passes its end (the host has not moved on, and the phase does
 * not auto-advance), and who has the floor.
 */
export function PhaseClock({ view, offsetMs }: { view: DebateView; offsetMs: number }) {
  const { state, plan, positions } = view;
  const live = isPhaseLive(state);
  const phase = live ? plan[state.phaseIndex] : undefined;
  const serverNow = useServerNow(offsetMs, live && state.clock.running);
  const left = remainingMs(state.clock, serverNow);
  const overtime = isOvertime(state, serverNow);
  const overMs = overtime ? serverNow - Date.parse(state.clock.endsAt!) : 0;
  const showClock = live || state.status === 'scheduled' || state.status === 'pre-vote';
  const turn = phase?.positionId ? positionName(positions, phase.positionId) : null;

  return (
    <div className="debate-clock">
      <p className="debate-clock__phase" data-testid="debate-phase">
        {phaseTitle(view)}
      </p>
      {showClock && (
        <p
          className={`debate-clock__time${live && !state.clock.running ? ' debate-clock__time--paused' : ''}${overtime ? ' debate-clock__time--overtime' : ''}`}
        >
          {/* A timer is not announced every second; the announcer below says the phase and the overtime. */}
          <span
            role="timer"
            aria-label={overtime ? 'Overtime in this phase' : 'Time left in this phase'}
            data-testid="debate-countdown"
          >
            {overtime ? `+${formatClock(overMs)}` : formatClock(left)}
          </span>
          {overtime && (
            <span className="debate-clock__overtime" data-testid="debate-overtime">
              Overtime
            </span>
          )}
          {live && !state.clock.running && <span className="debate-clock__paused">paused</span>}
          {!live && <span className="debate-clock__paused">first phase, not started</span>}
        </p>
      )}
      {/* Always present, so screen readers hear the phase change, the floor and the overtime. */}
      <DebateAnnouncer view={view} overtime={overtime} />
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
