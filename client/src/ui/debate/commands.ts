/**
 * The host's controls: labels and grouping by the part of the debate they belong to. Whether each
 * applies, and whether it is out of order (and must be confirmed), is asked of the shared state
 * machine (shared/debate/machine.ts), the same code the server runs.
 */
import type { HostCommandName } from '../../../../shared/debate/machine.js';

export interface HostControl {
  command: HostCommandName;
  label: string;
  /** Extra seconds, for extend. */
  seconds?: number;
  /** Asked before the command is sent even when it is in order (it cannot be undone). */
  confirm?: { question: string; action: string };
  /** The confirming button's label when the machine finds the command out of order. */
  earlyAction?: string;
  /** The main step of its group: drawn as the primary button. */
  primary?: boolean;
}

export interface HostControlGroup {
  title: string;
  controls: HostControl[];
}

/** In the order the console shows them. */
export const HOST_CONTROL_GROUPS: HostControlGroup[] = [
  {
    title: 'Before',
    controls: [
      { command: 'open-pre-vote', label: 'Open pre-vote' },
      { command: 'start', label: 'Start', primary: true },
    ],
  },
  {
    title: 'During the phase',
    controls: [
      { command: 'pause', label: 'Pause' },
      { command: 'resume', label: 'Resume' },
      { command: 'extend', label: 'Extend +1 min', seconds: 60 },
    ],
  },
  {
    title: 'Between phases',
    controls: [
      { command: 'back', label: 'Back to the previous phase' },
      { command: 'next', label: 'Next phase', primary: true },
      { command: 'skip', label: 'Skip (marked skipped)' },
    ],
  },
  {
    title: 'Votes & results',
    controls: [
      { command: 'open-post-vote', label: 'Open post-vote', earlyAction: 'Open the post-vote now' },
      { command: 'show-results', label: 'Close voting & show results' },
      { command: 'reveal', label: 'Reveal results' },
      {
        command: 'close',
        label: 'Close debate',
        earlyAction: 'Close without revealing',
        confirm: { question: 'Close the debate? Voting, hands and questions end for good.', action: 'Close debate' },
      },
    ],
  },
];
