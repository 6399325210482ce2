import { describe, expect, it } from 'vitest';
import { debateSayRequest } from '../schemas.js';
import { initialState, nextDebateState } from './machine.js';
import { templatePlan } from './model.js';
import { speakingRight, splitParagraphs } from './statements.js';

const positions = [
  { id: 'pk', name: 'Pakistan' },
  { id: 'af', name: 'Afghanistan' },
];
const plan = templatePlan('oxford', positions);
const roster = {
  hostId: 'host',
  positions: [
    { id: 'pk', debaterIds: ['ayesha'] },
    { id: 'af', debaterIds: ['farid'] },
  ],
};

describe('the speaking rule', () => {
  it('opens with a phase and names who may speak, and why others may not', () => {
    const now = new Date('2026-12-06T04:00:00.000Z');
    const scheduled = initialState(plan);
    expect(speakingRight(scheduled, plan, roster, 'ayesha', +now)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    const started = nextDebateState(scheduled, plan, { type: 'start' }, now);
    if (!started.ok) throw new Error(started.reason);
    const live = started.state;
    expect(speakingRight(live, plan, roster, 'ayesha', +now)).toEqual({
      ok: true,
      via: 'debater',
      phaseIndex: 0,
      positionId: 'pk',
    });
    expect(speakingRight(live, plan, roster, 'host', +now)).toMatchObject({ ok: true, via: 'host', positionId: 'pk' });
    expect(speakingRight(live, plan, roster, 'farid', +now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(speakingRight(live, plan, roster, 'reader', +now)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const until = new Date(+now + 60_000).toISOString();
    const given = { ...live, floor: { userId: 'reader', name: 'Reader', until } };
    expect(speakingRight(given, plan, roster, 'reader', +now + 59_999)).toMatchObject({ ok: true, via: 'floor' });
    expect(speakingRight(given, plan, roster, 'reader', +now + 60_000)).toMatchObject({
      ok: false,
      reason: 'Your turn on the floor has ended.',
    });
  });
});

describe('paragraphs', () => {
  it('splits a typed text at blank lines and takes one paragraph per post', () => {
    expect(splitParagraphs('One.\r\n\r\nTwo,\nstill two.\n \nThree.\n\n\n')).toEqual([
      'One.',
      'Two,\nstill two.',
      'Three.',
    ]);
    expect(debateSayRequest.safeParse({ debateId: 'd', text: 'One.\n\nTwo.' }).success).toBe(false);
    expect(debateSayRequest.safeParse({ debateId: 'd', text: 'see \u202Etxt.exe' }).success).toBe(false);
    expect(debateSayRequest.parse({ debateId: 'd', text: '  One,\nand on.  ' }).text).toBe('One,\nand on.');
  });
});
