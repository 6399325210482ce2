import { useEffect, useId, useState } from 'react';
import { isPhaseLive } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { speakingRight, type StatementView } from '../../../../shared/debate/statements.js';
import { useTranscript } from '../../realtime/useTranscript.js';
import { byPhase, paragraphCount, speakerRole } from './floor-words.js';
import { FloorComposer } from './FloorComposer.js';
import { formatClock, positionName } from './words.js';
import './floor.css';

const TICK_MS = 500;

/** The server's clock (epoch ms) through `offsetMs`, renewed every TICK_MS while `ticking`. */
function useServerClock(offsetMs: number, ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    // Read now, not one tick late: the time kept since the last render may be long past.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the clock (an external system) when ticking starts
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now + offsetMs;
}

function Paragraphs({ statements, view }: { statements: StatementView[]; view: DebateView }) {
  return (
    <ol className="floor__paragraphs">
      {statements.map((s, i) => {
        const sameSpeaker = i > 0 && statements[i - 1]!.speaker.userId === s.speaker.userId;
        return (
          <li key={s.seq} className="floor__paragraph" data-testid="statement">
            {!sameSpeaker && (
              <p className="floor__speaker">
                <bdi className="floor__speaker-name">{s.speaker.name}</bdi>
                <span className="floor__speaker-role"> · {speakerRole(s, view.positions)}</span>
              </p>
            )}
            <p className="floor__text" dir="auto">
              {s.text}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The floor, live (issue 13): who debates for which position, who speaks now (a hand given the
 * floor with the time left of their turn), the paragraphs of the current phase as they are posted
 * (announced politely to screen readers), the earlier phases folded as the transcript, and a
 * composer for whoever may speak now.
 */
export function Floor({ view, offsetMs, selfId }: { view: DebateView; offsetMs: number; selfId: string | null }) {
  const headingId = useId();
  const { copy, say } = useTranscript(view.id, selfId);
  const { state, plan, positions } = view;
  const live = isPhaseLive(state);
  const floor = state.floor;
  const turnEnds = floor?.until ? Date.parse(floor.until) : null;
  const now = useServerClock(offsetMs, turnEnds !== null);
  const turnLeft = turnEnds === null ? null : Math.max(0, turnEnds - now);
  const phasePosition = live ? (plan[state.phaseIndex]?.positionId ?? null) : null;
  const roster = {
    hostId: view.host.id,
    positions: positions.map((p) => ({ id: p.id, debaterIds: p.debaters.map((d) => d.id) })),
  };
  const right = selfId ? speakingRight(state, plan, roster, selfId, now) : null;
  const groups = byPhase(copy.statements, plan);
  const current = live && groups.at(-1)?.phaseIndex === state.phaseIndex ? groups.at(-1)! : null;
  const earlier = current ? groups.slice(0, -1) : groups;

  return (
    <section className="floor" aria-labelledby={headingId} data-testid="floor">
      <h3 id={headingId} className="debate-section__heading">
        Floor
      </h3>
      <ul className="floor__positions" aria-label="Debaters">
        {positions.map((p) => (
          <li
            key={p.id}
            className={`floor__position${p.id === phasePosition ? ' floor__position--speaking' : ''}`}
            data-testid="floor-position"
          >
            <bdi className="floor__position-name">{p.name}</bdi>
            {p.id === phasePosition && <span className="floor__now"> speaking now</span>}
            <span className="floor__debaters">
              {p.debaters.length === 0 ? (
                <span className="muted">no debaters named</span>
              ) : (
                p.debaters.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 && ', '}
                    <bdi>{d.name}</bdi>
                  </span>
                ))
              )}
            </span>
          </li>
        ))}
      </ul>
      {live && (
        <p className="floor__current" data-testid="floor-speaker">
          {floor && floor.userId === selfId ? (
            // Their own turn's time shows beside the composer.
            'You have the floor.'
          ) : floor ? (
            <>
              <bdi className="floor__speaker-name">{floor.name}</bdi> has the floor
              {turnLeft !== null &&
                (turnLeft > 0 ? (
                  <span className="floor__turn">
                    {' '}
                    · <span role="timer">{formatClock(turnLeft)}</span> left of their turn
                  </span>
                ) : (
                  <span className="floor__turn"> · their turn has ended</span>
                ))}
            </>
          ) : phasePosition ? (
            <>
              Speaking for <bdi className="floor__speaker-name">{positionName(positions, phasePosition)}</bdi>
            </>
          ) : (
            'Every debater may speak in this phase.'
          )}
        </p>
      )}
      {live && (
        <div className="floor__live" aria-live="polite" aria-relevant="additions" data-testid="floor-live">
          {current ? (
            <Paragraphs statements={current.statements} view={view} />
          ) : (
            <p className="muted">Nothing said in this phase yet. Paragraphs appear here as they are delivered.</p>
          )}
        </div>
      )}
      {right?.ok && (
        <FloorComposer
          onSay={say}
          turnLeftMs={right.via === 'floor' ? turnLeft : null}
          via={right.via}
          forPosition={right.positionId ? positionName(positions, right.positionId) : null}
        />
      )}
      {earlier.length > 0 && (
        <div className="floor__transcript" data-testid="transcript">
          <h4 className="floor__transcript-heading">{live ? 'Earlier in the debate' : 'Transcript'}</h4>
          {earlier.map((g) => (
            <details key={`${g.phaseIndex}-${g.statements[0]!.seq}`} className="floor__phase">
              <summary>
                <span dir="auto">{g.title}</span> <span className="muted">({paragraphCount(g.statements.length)})</span>
              </summary>
              <Paragraphs statements={g.statements} view={view} />
            </details>
          ))}
        </div>
      )}
    </section>
  );
}
