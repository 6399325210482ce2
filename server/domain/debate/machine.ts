/**
 * The debate state machine the host drives: scheduled → pre-vote → the phases in order (start,
 * pause, resume, extend, skip, go back) → post-vote → results → closed. Pure: it takes the state,
 * the plan, a command and the server's time, and returns the next state or throws with a code.
 * The clock is an end time on the server's clock (DESIGN rule 6), so a restart resumes exactly.
 */
import type { DebateState, PhasePlan } from '../../../shared/debate.js';
import type { HostCommandName } from '../../../shared/events.js';
import { AppError } from '../errors.js';

export type { HostCommandName };
export type HostCommand = { type: Exclude<HostCommandName, 'extend'> } | { type: 'extend'; seconds: number };

export function initialState(plan: PhasePlan[]): DebateState {
  return {
    status: 'scheduled',
    phaseIndex: null,
    clock: { running: false, endsAt: null, remainingMs: (plan[0]?.durationSeconds ?? 0) * 1000 },
    floor: null,
    resultsRevealed: false,
    log: [],
  };
}

const refuse = (message: string): never => {
  throw new AppError('INVALID_TRANSITION', message);
};

function startPhase(state: DebateState, plan: PhasePlan[], index: number, now: Date): DebateState {
  const phase = plan[index]!;
  return {
    ...state,
    status: 'live',
    phaseIndex: index,
    clock: {
      running: true,
      endsAt: new Date(now.getTime() + phase.durationSeconds * 1000).toISOString(),
      remainingMs: phase.durationSeconds * 1000,
    },
    floor: null,
    log: [
      ...state.log,
      { phaseIndex: index, startedAt: now.toISOString(), endedAt: null, extendedBySeconds: 0, skipped: false },
    ],
  };
}

/** Closes the open entry of the phase log (the phase that is ending). */
function endPhase(state: DebateState, now: Date, skipped: boolean): DebateState {
  const log = state.log.map((entry, i) =>
    i === state.log.length - 1 && entry.endedAt === null ? { ...entry, endedAt: now.toISOString(), skipped } : entry,
  );
  return { ...state, log };
}

function leftMs(state: DebateState, now: Date): number {
  if (!state.clock.running || !state.clock.endsAt) return state.clock.remainingMs;
  return Math.max(0, Date.parse(state.clock.endsAt) - now.getTime());
}

export function applyHostCommand(state: DebateState, plan: PhasePlan[], command: HostCommand, now: Date): DebateState {
  const live = state.status === 'live' && state.phaseIndex !== null;
  switch (command.type) {
    case 'open-pre-vote':
      if (state.status !== 'scheduled') refuse('The pre-vote opens before the debate starts.');
      return { ...state, status: 'pre-vote' };
    case 'start':
      if (state.status !== 'pre-vote' && state.status !== 'scheduled') refuse('The debate has already started.');
      if (plan.length === 0) refuse('The plan has no phases.');
      return startPhase(state, plan, 0, now);
    case 'pause':
      if (!live || !state.clock.running) refuse('Only a running phase can be paused.');
      return { ...state, clock: { running: false, endsAt: null, remainingMs: leftMs(state, now) } };
    case 'resume':
      if (!live || state.clock.running) refuse('Only a paused phase can be resumed.');
      return {
        ...state,
        clock: {
          running: true,
          endsAt: new Date(now.getTime() + state.clock.remainingMs).toISOString(),
          remainingMs: state.clock.remainingMs,
        },
      };
    case 'extend': {
      if (!live) refuse('Only a phase in progress can be extended.');
      const ms = command.seconds * 1000;
      // A phase that has run over is extended from now, so the extra time is really given.
      const from = Math.max(Date.parse(state.clock.endsAt ?? now.toISOString()), now.getTime());
      const clock = state.clock.running
        ? { ...state.clock, endsAt: new Date(from + ms).toISOString(), remainingMs: state.clock.remainingMs + ms }
        : { ...state.clock, remainingMs: state.clock.remainingMs + ms };
      const log = state.log.map((e, i) =>
        i === state.log.length - 1 ? { ...e, extendedBySeconds: e.extendedBySeconds + command.seconds } : e,
      );
      return { ...state, clock, log };
    }
    case 'next':
    case 'skip': {
      if (!live) refuse('There is no phase in progress.');
      const ended = endPhase(state, now, command.type === 'skip');
      const nextIndex = state.phaseIndex! + 1;
      if (nextIndex >= plan.length)
        return {
          ...ended,
          status: 'post-vote',
          phaseIndex: null,
          clock: { running: false, endsAt: null, remainingMs: 0 },
          floor: null,
        };
      return startPhase(ended, plan, nextIndex, now);
    }
    case 'back':
      if (!live || state.phaseIndex === 0) refuse('There is no earlier phase to go back to.');
      return startPhase(endPhase(state, now, false), plan, state.phaseIndex! - 1, now);
    case 'open-post-vote':
      if (!live) refuse('The post-vote follows the phases.');
      return {
        ...endPhase(state, now, false),
        status: 'post-vote',
        phaseIndex: null,
        clock: { running: false, endsAt: null, remainingMs: 0 },
        floor: null,
      };
    case 'show-results':
      if (state.status !== 'post-vote') refuse('Results follow the post-vote.');
      return { ...state, status: 'results' };
    case 'reveal':
      if (state.status !== 'results') refuse('Close the post-vote first.');
      return { ...state, resultsRevealed: true };
    case 'close':
      if (state.status !== 'results' || !state.resultsRevealed)
        refuse('A debate closes after its results are revealed.');
      return { ...state, status: 'closed' };
  }
}

/** Which voting round is open in this state, if any. */
export function openRound(state: DebateState): 'pre' | 'post' | null {
  if (state.status === 'pre-vote') return 'pre';
  if (state.status === 'post-vote') return 'post';
  return null;
}
