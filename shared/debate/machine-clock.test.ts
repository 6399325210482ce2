/** The machine's clock rules: Back restores the time left, Skip is told from Next, overtime, auto-advance, the pre-vote policy, confirmations. */
import { describe, expect, it } from 'vitest';
import { templatePlan, type DebateState, type PhasePlan } from './model.js';
import {
  advanceAtTimeUp,
  initialState,
  isOvertime,
  nextDebateState,
  openRound,
  outOfOrder,
  type HostCommand,
} from './machine.js';

const plan = templatePlan('oxford', [
  { id: 'pk', name: 'Pakistan' },
  { id: 'af', name: 'Afghanistan' },
]);
const t0 = new Date('2026-11-26T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function apply(state: DebateState, command: HostCommand, seconds: number, p: PhasePlan[] = plan): DebateState {
  const next = nextDebateState(state, p, command, at(seconds));
  if (!next.ok) throw new Error(next.reason);
  return next.state;
}

describe('Back', () => {
  it('returns to the earlier phase with the time it had left, not its full length', () => {
    let s = apply(initialState(plan), { type: 'start' }, 0);
    s = apply(s, { type: 'next' }, 100); // phase 0 (7 min) ended with 320 s left
    expect(s.log[0]).toMatchObject({ remainingMs: 320_000, skipped: false });
    s = apply(s, { type: 'back' }, 130);
    expect(s).toMatchObject({ phaseIndex: 0, clock: { running: true, remainingMs: 320_000 } });
    expect(s.clock.endsAt).toBe(at(130 + 320).toISOString());
    // Paused time counts too: what was on the clock is what comes back.
    s = apply(s, { type: 'pause' }, 140);
    s = apply(s, { type: 'next' }, 500);
    s = apply(s, { type: 'back' }, 510);
    expect(s.clock).toMatchObject({ running: true, remainingMs: 310_000 });
  });

  it('returns to a phase that ran out paused at 0:00, for the host to extend', () => {
    let s = apply(initialState(plan), { type: 'start' }, 0);
    s = apply(s, { type: 'next' }, 500); // 80 s over time
    s = apply(s, { type: 'back' }, 510);
    expect(s.clock).toEqual({ running: false, endsAt: null, remainingMs: 0 });
    s = apply(s, { type: 'extend', seconds: 60 }, 511);
    s = apply(s, { type: 'resume' }, 512);
    expect(s.clock.endsAt).toBe(at(572).toISOString());
  });
});

describe('Skip and Next', () => {
  it('are told apart in the phase log', () => {
    let s = apply(initialState(plan), { type: 'start' }, 0);
    s = apply(s, { type: 'skip' }, 10);
    s = apply(s, { type: 'next' }, 20);
    expect(s.log.map((e) => e.skipped)).toEqual([true, false, false]);
  });
});

describe('overtime', () => {
  it('is a running phase past its end time, never a paused one', () => {
    let s = apply(initialState(plan), { type: 'start' }, 0);
    expect(isOvertime(s, at(419).getTime())).toBe(false);
    expect(isOvertime(s, at(420).getTime())).toBe(true);
    s = apply(s, { type: 'pause' }, 430);
    expect(isOvertime(s, at(431).getTime())).toBe(false);
  });
});

describe('auto-advance', () => {
  const auto = plan.map((p, i) => (i === 0 ? { ...p, autoAdvance: true } : p));

  it('moves on once, dated at the end time, only while the phase runs to that end', () => {
    const s = apply(initialState(auto), { type: 'start' }, 0, auto);
    const endsAt = s.clock.endsAt!;
    const moved = advanceAtTimeUp(s, auto, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt });
    expect(moved.ok && moved.state).toMatchObject({ phaseIndex: 1, log: [{ endedAt: endsAt, auto: true }, {}] });
    expect(moved.ok && moved.state.clock.endsAt).toBe(at(420 + 420).toISOString());
    // A second firing for the same end finds the phase moved.
    if (!moved.ok) throw new Error(moved.reason);
    expect(advanceAtTimeUp(moved.state, auto, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt }).ok).toBe(false);
    // Extended or paused meanwhile: the old end no longer applies.
    const extended = apply(s, { type: 'extend', seconds: 30 }, 10, auto);
    expect(advanceAtTimeUp(extended, auto, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt }).ok).toBe(false);
    const paused = apply(s, { type: 'pause' }, 10, auto);
    expect(advanceAtTimeUp(paused, auto, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt }).ok).toBe(false);
  });

  it('does nothing to a phase not planned to auto-advance', () => {
    const s = apply(initialState(plan), { type: 'start' }, 0);
    const endsAt = s.clock.endsAt!;
    expect(advanceAtTimeUp(s, plan, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt }).ok).toBe(false);
  });
});

describe('pre-vote policy', () => {
  it('closes the pre-vote at the start by default', () => {
    const s = apply(apply(initialState(plan), { type: 'open-pre-vote' }, 0), { type: 'start' }, 1);
    expect(openRound(s, plan)).toBe(null);
  });

  it('keeps it open through the opening statements under after-openings, and not after going Back', () => {
    let s = apply(initialState(plan, 'after-openings'), { type: 'open-pre-vote' }, 0);
    s = apply(s, { type: 'start' }, 1);
    expect(openRound(s, plan)).toBe('pre');
    s = apply(s, { type: 'next' }, 2);
    expect(plan[1]!.kind).toBe('opening');
    expect(openRound(s, plan)).toBe('pre');
    s = apply(s, { type: 'next' }, 3); // the first rebuttal
    expect(openRound(s, plan)).toBe(null);
    s = apply(s, { type: 'back' }, 4);
    expect(openRound(s, plan)).toBe(null);
  });
});

describe('out-of-order commands', () => {
  it('name what opening the post-vote early and closing unrevealed will do', () => {
    let s = apply(initialState(plan), { type: 'start' }, 0);
    s = apply(apply(s, { type: 'next' }, 1), { type: 'next' }, 2); // phase 3 of 7
    expect(outOfOrder('open-post-vote', s, plan)).toBe('Open the post-vote now? Phases 4–7 will not be held.');
    for (let i = 3; i < 6; i++) s = apply(s, { type: 'next' }, i);
    expect(outOfOrder('open-post-vote', s, plan)).toBe('Open the post-vote now? Phase 7 will not be held.');
    s = apply(s, { type: 'next' }, 10); // the last phase
    expect(outOfOrder('open-post-vote', s, plan)).toBe(null);
    expect(outOfOrder('next', s, plan)).toBe(null);
    s = apply(apply(s, { type: 'open-post-vote' }, 11), { type: 'show-results' }, 12);
    expect(outOfOrder('close', s, plan)).toMatch(/^Close without revealing\? The results stay hidden/);
    expect(outOfOrder('close', apply(s, { type: 'reveal' }, 13), plan)).toBe(null);
  });
});
