import { useId } from 'react';
import { TEMPLATE_NAMES, type PreVotePolicy, type TemplateName } from '../../../../shared/debate/model.js';
import { draftOf, editPhase, movePhase, removePhase, secondsOf, type PlanDraft } from './plan-draft.js';
import { TEMPLATE_LABELS } from './words.js';
import './plan-editor.css';

function isTemplate(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

export interface PlanEditorProps {
  draft: PlanDraft;
  positions: Array<{ id: string; name: string }>;
  onChange(draft: PlanDraft): void;
}

/**
 * The plan before the start: a format to begin from, then each phase's title, length (minutes and
 * seconds), place in the order and whether it moves on by itself at 0:00; and when the pre-vote
 * closes. Used by the new-debate form and the setup form alike.
 */
export function PlanEditor({ draft, positions, onChange }: PlanEditorProps) {
  const id = useId();
  return (
    <fieldset className="plan-editor">
      <legend className="plan-editor__legend">How the debate runs</legend>
      <p className="plan-editor__field">
        <label htmlFor={`${id}-template`}>Format</label>
        <select
          id={`${id}-template`}
          value={draft.template}
          onChange={(event) => {
            // A new format starts from its own phases; the pre-vote policy stays.
            if (isTemplate(event.target.value))
              onChange({ ...draftOf(event.target.value, positions), preVoteCloses: draft.preVoteCloses });
          }}
        >
          {TEMPLATE_NAMES.map((name) => (
            <option key={name} value={name}>
              {TEMPLATE_LABELS[name]}
            </option>
          ))}
        </select>
      </p>
      <ol className="plan-editor__phases" aria-label="Phases">
        {draft.plan.map((phase, i) => {
          const label = `Phase ${i + 1}`;
          const minutes = Math.floor(phase.durationSeconds / 60);
          const seconds = phase.durationSeconds % 60;
          const setLength = (m: string, s: string) => {
            const total = secondsOf(m, s);
            if (total !== null) onChange(editPhase(draft, i, { durationSeconds: total }));
          };
          return (
            <li key={i} className="plan-editor__phase">
              <input
                className="plan-editor__title"
                aria-label={`${label} title`}
                value={phase.title}
                maxLength={120}
                onChange={(event) => onChange(editPhase(draft, i, { title: event.target.value }))}
              />
              <span className="plan-editor__length">
                <input
                  type="number"
                  min={0}
                  max={240}
                  aria-label={`${label} minutes`}
                  value={minutes}
                  onChange={(event) => setLength(event.target.value, String(seconds))}
                />
                <span aria-hidden="true">min</span>
                <input
                  type="number"
                  min={0}
                  max={59}
                  aria-label={`${label} seconds`}
                  value={seconds}
                  onChange={(event) => setLength(String(minutes), event.target.value)}
                />
                <span aria-hidden="true">s</span>
              </span>
              <label className="plan-editor__auto">
                <input
                  type="checkbox"
                  checked={phase.autoAdvance === true}
                  onChange={(event) => onChange(editPhase(draft, i, { autoAdvance: event.target.checked }))}
                />
                Move on at 0:00
              </label>
              <span className="plan-editor__moves">
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Move ${label.toLowerCase()} up`}
                  aria-disabled={i === 0}
                  onClick={() => onChange(movePhase(draft, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Move ${label.toLowerCase()} down`}
                  aria-disabled={i === draft.plan.length - 1}
                  onClick={() => onChange(movePhase(draft, i, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Remove ${label.toLowerCase()}`}
                  aria-disabled={draft.plan.length <= 1}
                  onClick={() => onChange(removePhase(draft, i))}
                >
                  ✕
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <p className="plan-editor__field">
        <label htmlFor={`${id}-prevote`}>The pre-vote closes</label>
        <select
          id={`${id}-prevote`}
          value={draft.preVoteCloses}
          onChange={(event) =>
            onChange({ ...draft, preVoteCloses: event.target.value === 'after-openings' ? 'after-openings' : 'start' })
          }
        >
          {(
            [
              ['start', 'when the debate starts'],
              ['after-openings', 'after the opening statements (latecomers can still vote)'],
            ] as Array<[PreVotePolicy, string]>
          ).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </p>
    </fieldset>
  );
}
