/**
 * The debate state machine the host drives: scheduled → pre-vote → the phases in order (start,
 * pause, resume, extend, skip, go back) → post-vote → results → closed. Pure and shared: the server
 * applies it (and has the last word), the host console asks it which controls apply, so the two
 * can never disagree. The clock is an end time on the server's clock (DESIGN rule 6).
 */
import type { DebateClock, DebateState, PhasePlan } from './model.js';

/** Every command the host console can send, in the order it shows them. */
export const HOST_COMMANDS = [
  'open-pre-vote',
  'start',
  'pause',
  'resume',
  'extend',
  'next',
  'skip',
  'back',
  'open-post-vote',
  'show-results',
  'reveal',
  'close',
] as const;
export type HostCommandName = (typeof HOST_COMMANDS)[number];
export type HostCommand = { type: Exclude<HostCommandName, 'extend'> } | { type: 'extend'; seconds: number };

/** The next state, or why the command does not apply to this state. */
export type Transition = { ok: true; state: DebateState } | { ok: false; reason: string };

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

/** A phase is in progress (running or paused): the one notion of "live" both sides use. */
export function isPhaseLive(state: DebateState): state is DebateState & { phaseIndex: number } {
  return state.status === 'live' && state.phaseIndex !== null;
}

/** Milliseconds left on the clock at `now` (epoch ms), never below zero. */
export function remainingMs(clock: DebateClock, now: number): number {
  if (!clock.running || !clock.endsAt) return Math.max(0, clock.remainingMs);
  return Math.max(0, Date.parse(clock.endsAt) - now);
}

/** Which voting round is open in this state, if any. */
export function openRound(state: DebateState): 'pre' | 'post' | null {
  if (state.status === 'pre-vote') return 'pre';
  if (state.status === 'post-vote') return 'post';
  return null;
}

const STOPPED: DebateClock = { running: false, endsAt: null, remainingMs: 0 };

function startPhase(state: DebateState, plan: PhasePlan[], index: number, now: Date): DebateState {
  const ms = plan[index]!.durationSeconds * 1000;
  return {
    ...state,
    status: 'live',
    phaseIndex: index,
    clock: { running: true, endsAt: new Date(now.getTime() + ms).toISOString(), remainingMs: ms },
    floor: null,
    log: [
      ...state.log,
      { phaseIndex: index, startedAt: now.toISOString(), endedAt: null, extendedBySeconds: 0, skipped: false },
    ],
  };
}

/** Closes the open entry of the phase log (the phase that is ending). */
function endPhase(state: DebateState, now: Date, skipped: boolean): DebateState {
  const last = state.log.length - 1;
  const log = state.log.map((entry, i) =>
    i === last && entry.endedAt === null ? { ...entry, endedAt: now.toISOString(), skipped } : entry,
  );
  return { ...state, log };
}

const toPostVote = (state: DebateState): DebateState => ({
  ...state,
  status: 'post-vote',
  phaseIndex: null,
  clock: STOPPED,
  floor: null,
});

/** Applies one host command at server time `now`. */
export function nextDebateState(state: DebateState, plan: PhasePlan[], command: HostCommand, now: Date): Transition {
  const to = (next: DebateState): Transition => ({ ok: true, state: next });
  const refuse = (reason: string): Transition => ({ ok: false, reason });
  const live = isPhaseLive(state);
  switch (command.type) {
    case 'open-pre-vote':
      return state.status === 'scheduled'
        ? to({ ...state, status: 'pre-vote' })
        : refuse('The pre-vote opens before the debate starts.');
    case 'start':
      if (state.status !== 'pre-vote' && state.status !== 'scheduled') return refuse('The debate has already started.');
      return plan.length === 0 ? refuse('The plan has no phases.') : to(startPhase(state, plan, 0, now));
    case 'pause':
      if (!live || !state.clock.running) return refuse('Only a running phase can be paused.');
      return to({ ...state, clock: { running: false, endsAt: null, remainingMs: remainingMs(state.clock, +now) } });
    case 'resume': {
      if (!live || state.clock.running) return refuse('Only a paused phase can be resumed.');
      const endsAt = new Date(now.getTime() + state.clock.remainingMs).toISOString();
      return to({ ...state, clock: { ...state.clock, running: true, endsAt } });
    }
    case 'extend': {
      if (!live) return refuse('Only a phase in progress can be extended.');
      const ms = command.seconds * 1000;
      // A phase that has run over is extended from now, so the extra time is really given.
      const from = Math.max(Date.parse(state.clock.endsAt ?? now.toISOString()), now.getTime());
      const clock = state.clock.running
        ? { ...state.clock, endsAt: new Date(from + ms).toISOString(), remainingMs: state.clock.remainingMs + ms }
        : { ...state.clock, remainingMs: state.clock.remainingMs + ms };
      const last = state.log.length - 1;
      const log = state.log.map((e, i) =>
        i === last ? { ...e, extendedBySeconds: e.extendedBySeconds + command.seconds } : e,
      );
      return to({ ...state, clock, log });
    }
    case 'next':
    case 'skip': {
      if (!live) return refuse('There is no phase in progress.');
      const ended = endPhase(state, now, command.type === 'skip');
      const nextIndex = state.phaseIndex + 1;
      return to(nextIndex >= plan.length ? toPostVote(ended) : startPhase(ended, plan, nextIndex, now));
    }
    case 'back':
      if (!live || state.phaseIndex === 0) return refuse('There is no earlier phase to go back to.');
      return to(startPhase(endPhase(state, now, false), plan, state.phaseIndex - 1, now));
    case 'open-post-vote':
      return live ? to(toPostVote(endPhase(state, now, false))) : refuse('The post-vote follows the phases.');
    case 'show-results':
      return state.status === 'post-vote'
        ? to({ ...state, status: 'results' })
        : refuse('Results follow the post-vote.');
    case 'reveal':
      if (state.status !== 'results') return refuse('Close the post-vote first.');
      return state.resultsRevealed
        ? refuse('The results are already revealed.')
        : to({ ...state, resultsRevealed: true });
    case 'close':
      return state.status === 'results' && state.resultsRevealed
        ? to({ ...state, status: 'closed' })
        : refuse('A debate closes after its results are revealed.');
  }
}

/** Whether `command` applies to `state`: the host console shows only the controls that do. */
export function commandApplies(command: HostCommandName, state: DebateState, plan: PhasePlan[]): boolean {
  const probe: HostCommand = command === 'extend' ? { type: 'extend', seconds: 60 } : { type: command };
  return nextDebateState(state, plan, probe, new Date()).ok;
}
