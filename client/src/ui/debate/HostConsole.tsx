import { useId, useState } from 'react';
import type { DebateView } from '../../../../shared/debate/model.js';
import type { DebateActions } from '../../realtime/useDebate.js';
import { commandApplies, outOfOrder } from '../../../../shared/debate/machine.js';
import { closeDetailsOnEscape } from '../layout/escape.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { HOST_CONTROL_GROUPS, type HostControl } from './commands.js';
import { LiveTally } from './LiveTally.js';
import { SetupForm } from './SetupForm.js';
import { StreamLinkForm } from './StreamLinkForm.js';
import { useAction } from './useAction.js';
import { STATUS_LABELS } from './words.js';
import './host-console.css';

/** The question a control must be confirmed with now, if any: out of order first, else its own. */
function confirmationOf(control: HostControl, view: DebateView): { question: string; action: string } | null {
  const early = outOfOrder(control.command, view.state, view.plan);
  if (early) return { question: early, action: control.earlyAction ?? control.label };
  return control.confirm ?? null;
}

/**
 * The host's console: the controls grouped by the part of the debate they belong to, only those the
 * machine accepts now enabled, and out-of-order ones (opening the post-vote before the last phase,
 * closing unrevealed) asked again in a dialog that names the consequence. Then the live tally. The
 * speaker queue and the questions carry their host buttons in the panel itself.
 */
export function HostConsole({
  view,
  actions,
}: {
  view: DebateView;
  actions: Pick<DebateActions, 'command' | 'setup' | 'stream'>;
}) {
  const headingId = useId();
  const action = useAction();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<{ control: HostControl; question: string; action: string } | null>(null);

  const send = (control: HostControl) => void action.run(() => actions.command(control.command, control.seconds));
  const choose = (control: HostControl) => {
    const confirmation = confirmationOf(control, view);
    if (confirmation) setAsking({ control, ...confirmation });
    else send(control);
  };

  return (
    <section className="host-console" aria-labelledby={headingId} data-testid="host-console">
      <h3 id={headingId} className="host-console__heading">
        Host console <span className="host-console__status">{STATUS_LABELS[view.state.status]}</span>
      </h3>
      <div className="host-console__controls" aria-busy={action.busy}>
        {HOST_CONTROL_GROUPS.map((group) => (
          <div key={group.title} className="host-console__group" role="group" aria-label={group.title}>
            <p className="host-console__group-title" aria-hidden="true">
              {group.title}
            </p>
            <div className="host-console__row">
              {group.controls.map((control) => {
                const usable = commandApplies(control.command, view.state, view.plan);
                // aria-disabled rather than disabled: the button the host just used keeps the focus
                // when the state it leads to no longer allows it.
                return (
                  <button
                    key={control.command}
                    type="button"
                    className={`button button--small${control.primary ? '' : ' button--quiet'}`}
                    aria-disabled={!usable || action.busy}
                    onClick={() => {
                      if (usable && !action.busy) choose(control);
                    }}
                  >
                    {control.label}
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <p className="debate-error" role="alert">
        {action.error}
      </p>
      {asking && (
        <ConfirmDialog
          question={asking.question}
          action={asking.action}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            send(asking.control);
          }}
        />
      )}
      {view.state.status !== 'closed' && (
        // Keyed by the saved link: a link saved (or removed) anywhere resets the field to it.
        <StreamLinkForm
          key={view.state.streamUrl ?? ''}
          current={view.state.streamUrl ?? null}
          onSave={actions.stream}
        />
      )}
      {view.state.status === 'scheduled' && (
        // The plan stays editable until the start (the server refuses changes after it).
        <details
          className="host-console__plan"
          open={editing}
          onToggle={(e) => setEditing(e.currentTarget.open)}
          onKeyDown={closeDetailsOnEscape}
        >
          <summary>Edit the plan</summary>
          {editing && (
            <SetupForm
              positions={view.positions}
              initial={{
                template: view.template,
                plan: view.plan,
                preVoteCloses: view.state.preVoteCloses ?? 'start',
              }}
              onSetup={async (input) => {
                await actions.setup(input);
                setEditing(false);
              }}
            />
          )}
        </details>
      )}
      <LiveTally view={view} />
    </section>
  );
}
