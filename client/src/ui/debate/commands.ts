/**
 * The host's controls and when each applies. Mirrors server/domain/debate/machine.ts, which has
 * the last word: a control shown enabled that the server refuses only shows its message.
 */
import type { DebateState } from '../../../../shared/debate.js';
import type { HostCommandName } from '../../../../shared/events.js';

export interface HostControl {
  command: HostCommandName;
  label: string;
  /** Extra seconds, for extend. */
  seconds?: number;
  /** Asked before the command is sent. */
  confirm?: string;
}

/** In the order the console shows them, grouped by stage. */
export const HOST_CONTROLS: HostControl[][] = [
  [
    { command: 'open-pre-vote', label: 'Open pre-vote' },
    { command: 'start', label: 'Start' },
  ],
  [
    { command: 'pause', label: 'Pause' },
    { command: 'resume', label: 'Resume' },
    { command: 'extend', label: 'Extend +1 min', seconds: 60 },
    { command: 'back', label: 'Back' },
    { command: 'next', label: 'Next phase' },
    { command: 'skip', label: 'Skip' },
  ],
  [
    { command: 'open-post-vote', label: 'Open post-vote' },
    { command: 'show-results', label: 'Close voting & show results' },
    { command: 'reveal', label: 'Reveal results' },
    { command: 'close', label: 'Close debate', confirm: 'Close the debate? Voting, hands and questions end for good.' },
  ],
];

/** Whether `command` applies to `state` (the server's state machine, read ahead). */
export function applies(command: HostCommandName, state: DebateState, phases: number): boolean {
  const live = state.status === 'live' && state.phaseIndex !== null;
  switch (command) {
    case 'open-pre-vote':
      return state.status === 'scheduled';
    case 'start':
      return (state.status === 'scheduled' || state.status === 'pre-vote') && phases > 0;
    case 'pause':
      return live && state.clock.running;
    case 'resume':
      return live && !state.clock.running;
    case 'extend':
    case 'next':
    case 'skip':
    case 'open-post-vote':
      return live;
    case 'back':
      return live && state.phaseIndex !== 0;
    case 'show-results':
      return state.status === 'post-vote';
    case 'reveal':
      return state.status === 'results' && !state.resultsRevealed;
    case 'close':
      return state.status === 'results' && state.resultsRevealed;
  }
}
