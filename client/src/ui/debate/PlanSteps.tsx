import { useId } from 'react';
import { isPhaseLive } from '../../../../shared/debate/machine.js';
import type { DebateView } from '../../../../shared/debate/model.js';
import { formatLength } from './words.js';

/** The plan as a list of steps: those done are marked, the current one highlighted. */
export function PlanSteps({ view }: { view: DebateView }) {
  const headingId = useId();
  const { plan, state } = view;
  const current = isPhaseLive(state) ? state.phaseIndex : null;
  const ran = new Set(state.log.filter((entry) => entry.endedAt !== null).map((entry) => entry.phaseIndex));
  // Skipped: its last run ended by Skip (a phase gone back to and finished is not skipped).
  const lastRun = new Map(state.log.map((entry) => [entry.phaseIndex, entry]));

  return (
    <section className="debate-plan" aria-labelledby={headingId}>
      <h3 id={headingId} className="debate-section__heading">
        The plan
      </h3>
      <ol className="debate-plan__steps">
        {plan.map((phase, index) => {
          const isCurrent = index === current;
          // Done: it ran to its end (phases skipped over by opening the post-vote did not run).
          const done = !isCurrent && ran.has(index);
          const skipped = done && lastRun.get(index)?.skipped === true;
          return (
            <li
              key={index}
              className={`debate-plan__step${isCurrent ? ' debate-plan__step--current' : ''}${done ? ' debate-plan__step--done' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
            >
              {done && !skipped && (
                <span className="debate-plan__check" aria-hidden="true">
                  ✓
                </span>
              )}
              <span className="debate-plan__title" dir="auto">
                {phase.title}
              </span>
              <span className="debate-plan__length">
                {skipped ? 'skipped' : formatLength(phase.durationSeconds)}
                {phase.autoAdvance ? ' · moves on by itself' : ''}
              </span>
              {isCurrent && <span className="visually-hidden"> (now)</span>}
              {done && !skipped && <span className="visually-hidden"> (done)</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
