import { useId } from 'react';
import type { DebateView } from '../../../../shared/debate/model.js';
import type { DebateActions } from '../../realtime/useDebate.js';
import { commandApplies } from '../../../../shared/debate/machine.js';
import { HOST_CONTROLS, type HostControl } from './commands.js';
import { LiveTally } from './LiveTally.js';
import { useAction } from './useAction.js';
import { STATUS_LABELS } from './words.js';

/**
 * The host's console: the controls of the session (only those that apply now are enabled) and the
 * live tally. The speaker queue and the questions carry their host buttons in the panel itself.
 */
export function HostConsole({ view, actions }: { view: DebateView; actions: Pick<DebateActions, 'command'> }) {
  const headingId = useId();
  const action = useAction();

  const send = (control: HostControl) => {
    if (control.confirm && !window.confirm(control.confirm)) return;
    void action.run(() => actions.command(control.command, control.seconds));
  };

  return (
    <section className="host-console" aria-labelledby={headingId} data-testid="host-console">
      <h3 id={headingId} className="host-console__heading">
        Host console <span className="host-console__status">{STATUS_LABELS[view.state.status]}</span>
      </h3>
      <div className="host-console__controls" role="group" aria-label="Session controls" aria-busy={action.busy}>
        {HOST_CONTROLS.map((row, i) => (
          <div key={i} className="host-console__row">
            {row.map((control) => {
              const usable = commandApplies(control.command, view.state, view.plan);
              // aria-disabled rather than disabled: the button the host just used keeps the focus
              // when the state it leads to no longer allows it.
              return (
                <button
                  key={control.command}
                  type="button"
                  className={`button button--small${control.command === 'next' || control.command === 'start' ? '' : ' button--quiet'}`}
                  aria-disabled={!usable || action.busy}
                  onClick={() => {
                    if (usable && !action.busy) send(control);
                  }}
                >
                  {control.label}
                </button>
              );
            })}
          </div>
        ))}
      </div>
      <p className="debate-error" role="alert">
        {action.error}
      </p>
      <LiveTally view={view} />
    </section>
  );
}
