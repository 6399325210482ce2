import { useId, useState, type FormEvent } from 'react';
import { TEMPLATE_NAMES, templatePlan, type TemplateName } from '../../../../shared/debate/model.js';
import { useAction } from './useAction.js';
import { formatLength, TEMPLATE_LABELS } from './words.js';

function isTemplate(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

export interface SetupFormProps {
  positions: Array<{ id: string; name: string }>;
  onSetup(template: TemplateName): Promise<void>;
}

/** For the host of a debate without a plan: pick a template, see its phases, set it up. */
export function SetupForm({ positions, onSetup }: SetupFormProps) {
  const selectId = useId();
  const [template, setTemplate] = useState<TemplateName>('oxford');
  const action = useAction();
  const plan = templatePlan(template, positions);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => onSetup(template));
  };

  return (
    <form className="debate-setup" onSubmit={submit} aria-busy={action.busy}>
      <p>You host this debate. Choose how it runs; you can change the plan until it starts.</p>
      <p className="debate-setup__field">
        <label htmlFor={selectId}>Format</label>
        <select
          id={selectId}
          value={template}
          onChange={(event) => {
            if (isTemplate(event.target.value)) setTemplate(event.target.value);
          }}
        >
          {TEMPLATE_NAMES.map((name) => (
            <option key={name} value={name}>
              {TEMPLATE_LABELS[name]}
            </option>
          ))}
        </select>
      </p>
      <ol className="debate-plan__steps" aria-label="Phases of this format">
        {plan.map((phase, i) => (
          <li key={i} className="debate-plan__step">
            <span className="debate-plan__title" dir="auto">
              {phase.title}
            </span>
            <span className="debate-plan__length">{formatLength(phase.durationSeconds)}</span>
          </li>
        ))}
      </ol>
      <button type="submit" className="button button--primary" disabled={action.busy}>
        Set up the debate
      </button>
      <p className="debate-error" role="alert">
        {action.error}
      </p>
    </form>
  );
}
