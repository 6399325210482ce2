import { useState, type FormEvent } from 'react';
import type { PhasePlan, PreVotePolicy, TemplateName } from '../../../../shared/debate/model.js';
import { PlanEditor } from './PlanEditor.js';
import { draftOf, type PlanDraft } from './plan-draft.js';
import { useAction } from './useAction.js';

export interface SetupFormProps {
  positions: Array<{ id: string; name: string }>;
  onSetup(input: { template: TemplateName; plan: PhasePlan[]; preVoteCloses: PreVotePolicy }): Promise<void>;
  /** The plan already set, when the host changes it before the start. */
  initial?: PlanDraft;
}

/** For the host of a debate without a plan: pick a format, adjust its phases, set it up. */
export function SetupForm({ positions, onSetup, initial }: SetupFormProps) {
  const [draft, setDraft] = useState<PlanDraft>(() => initial ?? draftOf('oxford', positions));
  const action = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => onSetup(draft));
  };

  return (
    <form className="debate-setup" onSubmit={submit} aria-busy={action.busy}>
      {!initial && <p>You host this debate. Choose how it runs; you can change the plan until it starts.</p>}
      <PlanEditor draft={draft} positions={positions} onChange={setDraft} />
      <button type="submit" className="button button--primary" disabled={action.busy}>
        {initial ? 'Save the plan' : 'Set up the debate'}
      </button>
      <p className="debate-error" role="alert">
        {action.error}
      </p>
    </form>
  );
}
