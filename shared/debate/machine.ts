/**
 * The debate state machine the host drives: scheduled → pre-vote → the phases in order (start,
 * pause, resume, extend, skip, go back) → post-vote → results → closed. Pure and shared: the server
 * applies it (and has the last word), the host console asks it which controls apply, so the two
 * can never disagree. The clock is an end time on the server's clock (DESIGN rule 6).
 */
import type { DebateClock, DebateState, PhasePlan, PreVotePolicy } from './model.js';

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

/**
 * What the server itself may do: move on at the end time of a phase planned to auto-advance
 * (server/realtime/debate/timers.ts). Not a host command: the console never sends it.
 */
export interface ClockCommand {
  type: 'time-up';
  phaseIndex: number;
  endsAt: string;
  /** When the move is dated: `endsAt` itself, unless the timer fires long after it (a long outage). */
  at: string;
}

/** The next state, or why the command does not apply to this state. */
export type Transition = { ok: true; state: DebateState } | { ok: false; reason: string };

export function initialState(plan: PhasePlan[], preVoteCloses: PreVotePolicy = 'start'): DebateState {
  return {
    status: 'scheduled',
    phaseIndex: null,
    clock: { running: false, endsAt: null, remainingMs: (plan[0]?.durationSeconds ?? 0) * 1000 },
    floor: null,
    resultsRevealed: false,
    preVoteCloses,
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

/**
 * The running phase has reached its end time and goes on (the host has not moved on): everyone's
 * panel shows "Overtime" counting up from `endsAt`. A paused clock is never over time.
 */
export function isOvertime(state: DebateState, now: number): boolean {
  return (
    isPhaseLive(state) && state.clock.running && state.clock.endsAt !== null && Date.parse(state.clock.endsAt) <= now
  );
}

/**
 * Whether the pre-vote is still open during the phases: under the `after-openings` policy, until a
 * phase that is not an opening statement has started (once started, going Back does not reopen it).
 */
function preVoteStillOpen(state: DebateState, plan: PhasePlan[]): boolean {
  if (state.preVoteCloses !== 'after-openings' || state.status !== 'live') return false;
  return state.log.every((entry) => plan[entry.phaseIndex]?.kind === 'opening');
}

/** Which voting round is open in this state, if any. */
export function openRound(state: DebateState, plan: PhasePlan[]): 'pre' | 'post' | null {
  if (state.status === 'pre-vote' || preVoteStillOpen(state, plan)) return 'pre';
  if (state.status === 'post-vote') return 'post';
  return null;
}

const STOPPED: DebateClock = { running: false, endsAt: null, remainingMs: 0 };

/** Starts phase `index` with `ms` on its clock (its planned length unless Back restores what was left). */
function startPhase(state: DebateState, plan: PhasePlan[], index: number, now: Date, left?: number): DebateState {
  const ms = left ?? plan[index]!.durationSeconds * 1000;
  // A phase returned to with no time left waits, paused at 0:00, for the host to extend it: running,
  // it would be over time (or auto-advance) the moment it came back.
  const clock: DebateClock =
    ms > 0
      ? { running: true, endsAt: new Date(now.getTime() + ms).toISOString(), remainingMs: ms }
      : { running: false, endsAt: null, remainingMs: 0 };
  return {
    ...state,
    status: 'live',
    phaseIndex: index,
    clock,
    floor: null,
    log: [
      ...state.log,
      { phaseIndex: index, startedAt: now.toISOString(), endedAt: null, extendedBySeconds: 0, skipped: false },
    ],
  };
}

/** Closes the open entry of the phase log (the phase that is ending), with the time it had left. */
function endPhase(state: DebateState, now: Date, how: { skipped?: boolean; auto?: boolean } = {}): DebateState {
  const last = state.log.length - 1;
  const left = remainingMs(state.clock, now.getTime());
  const log = state.log.map((entry, i) =>
    i === last && entry.endedAt === null
      ? {
          ...entry,
          endedAt: now.toISOString(),
          skipped: how.skipped ?? false,
          remainingMs: left,
          ...(how.auto ? { auto: true } : {}),
        }
      : entry,
  );
  return { ...state, log };
}

/** The time phase `index` had left when it last ended (undefined if it never ran, or in an old log). */
function timeLeftIn(state: DebateState, index: number): number | undefined {
  return state.log.findLast((entry) => entry.phaseIndex === index && entry.endedAt !== null)?.remainingMs;
}

/** Ends the phase in progress and starts the next one, or opens the post-vote after the last. */
function moveOn(
  state: DebateState & { phaseIndex: number },
  plan: PhasePlan[],
  now: Date,
  how: { skipped?: boolean; auto?: boolean },
): DebateState {
  const ended = endPhase(state, now, how);
  const nextIndex = state.phaseIndex + 1;
  return nextIndex >= plan.length ? toPostVote(ended) : startPhase(ended, plan, nextIndex, now);
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
    case 'skip':
      if (!live) return refuse('There is no phase in progress.');
      return to(moveOn(state, plan, now, { skipped: command.type === 'skip' }));
    case 'back': {
      if (!live || state.phaseIndex === 0) return refuse('There is no earlier phase to go back to.');
      const index = state.phaseIndex - 1;
      return to(startPhase(endPhase(state, now), plan, index, now, timeLeftIn(state, index)));
    }
    case 'open-post-vote':
      return live ? to(toPostVote(endPhase(state, now))) : refuse('The post-vote follows the phases.');
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
      // Revealing first is not required: a debate closed unrevealed keeps its results off the
      // panel, and its report opens to everyone (docs/PROTOCOL.md). The console asks first.
      return state.status === 'results'
        ? to({ ...state, status: 'closed' })
        : refuse('A debate closes after its results.');
  }
}

/**
 * The server's own move at the end time of a phase planned to auto-advance: the same as Next, dated
 * `at` (the end time, so the schedule holds when the timer fires a little late), and only if that phase is
 * still running to that very end time: a phase moved, paused or extended meanwhile is left alone,
 * which is what makes a second firing (another process, a restart) do nothing.
 */
export function advanceAtTimeUp(state: DebateState, plan: PhasePlan[], command: ClockCommand): Transition {
  if (!isPhaseLive(state) || state.phaseIndex !== command.phaseIndex)
    return { ok: false, reason: 'The phase has moved on.' };
  if (!state.clock.running || state.clock.endsAt !== command.endsAt)
    return { ok: false, reason: 'The clock of the phase changed.' };
  if (!plan[state.phaseIndex]?.autoAdvance) return { ok: false, reason: 'This phase does not advance by itself.' };
  return { ok: true, state: moveOn(state, plan, new Date(command.at), { auto: true }) };
}

/**
 * Commands that apply but skip part of the debate or hide something: the console asks the host to
 * confirm them, naming the consequence. Null when the command is in order.
 */
export function outOfOrder(command: HostCommandName, state: DebateState, plan: PhasePlan[]): string | null {
  if (command === 'open-post-vote' && isPhaseLive(state) && state.phaseIndex < plan.length - 1) {
    const from = state.phaseIndex + 2;
    const phases = from === plan.length ? `Phase ${from} will` : `Phases ${from}–${plan.length} will`;
    return `Open the post-vote now? ${phases} not be held.`;
  }
  if (command === 'close' && state.status === 'results' && !state.resultsRevealed)
    return 'Close without revealing? The results stay hidden on the panel; the report opens to everyone.';
  return null;
}

/** Whether `command` applies to `state`: the host console shows only the controls that do. */
export function commandApplies(command: HostCommandName, state: DebateState, plan: PhasePlan[]): boolean {
  const probe: HostCommand = command === 'extend' ? { type: 'extend', seconds: 60 } : { type: command };
  return nextDebateState(state, plan, probe, new Date()).ok;
}
