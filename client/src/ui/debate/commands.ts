/**
 * The host's controls: labels and grouping. Whether each applies is asked of the shared state
 * machine (shared/debate/machine.ts), the same code the server runs.
 */
import type { HostCommandName } from '../../../../shared/debate/machine.js';

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
