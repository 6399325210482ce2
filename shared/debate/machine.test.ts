import { describe, expect, it } from 'vitest';
import { templatePlan, type DebateState, type PhasePlan } from './model.js';
import {
  commandApplies,
  HOST_COMMANDS,
  initialState,
  nextDebateState,
  openRound,
  type HostCommand,
} from './machine.js';

/** The transition, or a throw with its reason (as the server refuses it). */
function applyHostCommand(state: DebateState, plan: PhasePlan[], command: HostCommand, now: Date): DebateState {
  const next = nextDebateState(state, plan, command, now);
  if (!next.ok) throw new Error(next.reason);
  return next.state;
}

const plan = templatePlan('oxford', [
  { id: 'pk', name: 'Pakistan' },
  { id: 'af', name: 'Afghanistan' },
]);
const t0 = new Date('2026-11-26T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function run(commands: Array<[HostCommand, number]>) {
  let state = initialState(plan);
  for (const [command, seconds] of commands) state = applyHostCommand(state, plan, command, at(seconds));
  return state;
}

describe('debate state machine', () => {
  it('runs pre-vote, phases with the server clock, post-vote, results and close', () => {
    let s = run([[{ type: 'open-pre-vote' }, 0]]);
    expect(openRound(s, plan)).toBe('pre');
    s = applyHostCommand(s, plan, { type: 'start' }, at(60));
    expect(s).toMatchObject({
      status: 'live',
      phaseIndex: 0,
      clock: { running: true, endsAt: at(60 + 420).toISOString() },
    });
    s = applyHostCommand(s, plan, { type: 'pause' }, at(120));
    expect(s.clock).toMatchObject({ running: false, remainingMs: 360_000 });
    s = applyHostCommand(s, plan, { type: 'extend', seconds: 30 }, at(130));
    s = applyHostCommand(s, plan, { type: 'resume' }, at(200));
    expect(s.clock.endsAt).toBe(at(200 + 390).toISOString());
    s = applyHostCommand(s, plan, { type: 'skip' }, at(210));
    expect(s.phaseIndex).toBe(1);
    expect(s.log[0]).toMatchObject({ skipped: true, extendedBySeconds: 30, endedAt: at(210).toISOString() });
    s = applyHostCommand(s, plan, { type: 'back' }, at(220));
    expect(s.phaseIndex).toBe(0);
    // Extending a phase that ran over gives the time from now.
    const over = applyHostCommand(s, plan, { type: 'extend', seconds: 60 }, at(220 + 420 + 100));
    expect(over.clock.endsAt).toBe(at(220 + 420 + 100 + 60).toISOString());
    for (let i = 0; i < plan.length; i++) s = applyHostCommand(s, plan, { type: 'next' }, at(300 + i));
    expect(s.status).toBe('post-vote');
    expect(openRound(s, plan)).toBe('post');
    s = applyHostCommand(s, plan, { type: 'show-results' }, at(400));
    expect(s.resultsRevealed).toBe(false);
    s = applyHostCommand(s, plan, { type: 'reveal' }, at(401));
    s = applyHostCommand(s, plan, { type: 'close' }, at(402));
    expect(s.status).toBe('closed');
  });

  it('refuses commands that do not fit the state', () => {
    expect(() => run([[{ type: 'pause' }, 0]])).toThrow(/running phase/);
    expect(() => run([[{ type: 'reveal' }, 0]])).toThrow();
    const atResults = run([
      [{ type: 'start' }, 0],
      ...plan.map((_, i): [HostCommand, number] => [{ type: 'next' }, i + 1]),
      [{ type: 'show-results' }, 20],
    ]);
    // Closing unrevealed is allowed from the results (the console asks first), not before them.
    expect(applyHostCommand(atResults, plan, { type: 'close' }, at(21))).toMatchObject({
      status: 'closed',
      resultsRevealed: false,
    });
    expect(() =>
      run([
        [{ type: 'start' }, 0],
        [{ type: 'close' }, 1],
      ]),
    ).toThrow(/after its results/);
    expect(() =>
      run([
        [{ type: 'start' }, 0],
        [{ type: 'back' }, 1],
      ]),
    ).toThrow(/earlier phase/);
    expect(() =>
      run([
        [{ type: 'start' }, 0],
        [{ type: 'start' }, 1],
      ]),
    ).toThrow(/already started/);
  });

  it('offers exactly the commands the machine accepts, in every state a session passes through', () => {
    const states = [initialState(plan)];
    for (const command of [
      { type: 'open-pre-vote' },
      { type: 'start' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'next' },
      { type: 'open-post-vote' },
      { type: 'show-results' },
      { type: 'reveal' },
      { type: 'close' },
    ] as HostCommand[])
      states.push(applyHostCommand(states.at(-1)!, plan, command, at(states.length)));
    const offered = states.map((s) => HOST_COMMANDS.filter((c) => commandApplies(c, s, plan)));
    expect(offered).toEqual([
      ['open-pre-vote', 'start'],
      ['start'],
      ['pause', 'extend', 'next', 'skip', 'open-post-vote'],
      ['resume', 'extend', 'next', 'skip', 'open-post-vote'],
      ['pause', 'extend', 'next', 'skip', 'open-post-vote'],
      ['pause', 'extend', 'next', 'skip', 'back', 'open-post-vote'],
      ['show-results'],
      ['reveal', 'close'],
      ['close'],
      [],
    ]);
  });
});
