import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templatePlan, type PhasePlan } from '../../../shared/debate/model.js';
import type { DebateRecord } from '../../store/collab-store.js';
import {
  codeOf,
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { setHand } from './audience.js';
import { giveFloor, hostCommand, setupSession } from './session.js';
import { floorTurnEnd } from '../../../shared/debate/statements.js';

let t: MemoryDeps;
let host: Actor;
let moderator: Actor;
let reader: Actor;
let debate: DebateRecord;

const POSITIONS = [
  { id: 'pk', name: 'Pakistan' },
  { id: 'af', name: 'Afghanistan' },
];

beforeEach(async () => {
  t = await createMemoryDeps();
  host = await makeUser(t.deps, 'reader', 'Hosta');
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
  reader = await makeUser(t.deps, 'reader', 'Reader');
  const article = await makeArticle(t.deps);
  debate = await makeDebate(t.deps, { articleId: article.id, host, positions: POSITIONS });
});
afterEach(() => t.close());

const command = (type: Parameters<typeof hostCommand>[3]['type'], actor: Actor | null = host) =>
  hostCommand(t.deps, actor, debate.id, type === 'extend' ? { type, seconds: 30 } : { type });

describe('setting up a session', () => {
  it('lets the host set up a template plan, scheduled, and announces it', async () => {
    const session = await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
    expect(session.template).toBe('oxford');
    expect(session.plan).toEqual(templatePlan('oxford', POSITIONS));
    expect(session.plan).toHaveLength(7);
    expect(session.state).toMatchObject({
      status: 'scheduled',
      phaseIndex: null,
      clock: { running: false, endsAt: null, remainingMs: 7 * 60_000 },
      floor: null,
      resultsRevealed: false,
      log: [],
    });
    expect(t.bus.of('debateChanged')).toEqual([{ debateId: debate.id, part: 'state' }]);
  });

  it('lets a moderator prepare it, but not another reader or a guest', async () => {
    expect(await codeOf(setupSession(t.deps, reader, { debateId: debate.id, template: 'oxford' }))).toBe('FORBIDDEN');
    expect(await codeOf(setupSession(t.deps, null, { debateId: debate.id, template: 'oxford' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await codeOf(setupSession(t.deps, host, { debateId: 'missing', template: 'oxford' }))).toBe('NOT_FOUND');
    const session = await setupSession(t.deps, moderator, { debateId: debate.id, template: 'lincoln-douglas' });
    expect(session.plan).toHaveLength(7);
    expect(session.plan[1]?.kind).toBe('cross-examination');
  });

  it('takes a custom plan, refusing positions the debate does not have', async () => {
    const plan: PhasePlan[] = [
      { kind: 'opening', title: 'Opening', positionId: 'pk', durationSeconds: 60 },
      { kind: 'free', title: 'Open floor', positionId: null, durationSeconds: 120 },
    ];
    const session = await setupSession(t.deps, host, { debateId: debate.id, template: 'free-form', plan });
    expect(session.plan).toEqual(plan);
    const bad = [{ kind: 'opening', title: 'Ghost', positionId: 'ghost', durationSeconds: 60 }] as PhasePlan[];
    expect(await codeOf(setupSession(t.deps, host, { debateId: debate.id, template: 'free-form', plan: bad }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('replaces the plan until the debate begins, then keeps it', async () => {
    const first = await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
    const second = await setupSession(t.deps, host, { debateId: debate.id, template: 'free-form' });
    expect(second).toMatchObject({ template: 'free-form', version: first.version + 1 });
    expect(second.plan).toEqual([{ kind: 'free', title: 'Open debate', positionId: null, durationSeconds: 1800 }]);
    expect(second.state.clock.remainingMs).toBe(1_800_000);
    await command('open-pre-vote');
    expect(await codeOf(setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' }))).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('lets exactly one of two simultaneous first set-ups win', async () => {
    const results = await Promise.allSettled([
      setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' }),
      setupSession(t.deps, moderator, { debateId: debate.id, template: 'free-form' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('host commands', () => {
  let v0: number;
  beforeEach(async () => {
    v0 = (await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' })).version;
    t.bus.clear();
  });

  it('drives the machine on the deps clock and saves each state with a new version', async () => {
    const pre = await command('open-pre-vote');
    expect(pre).toMatchObject({ version: v0 + 1, state: { status: 'pre-vote' } });
    const startedAt = t.clock.advanceSeconds(10);
    const live = await command('start');
    expect(live.state).toMatchObject({
      status: 'live',
      phaseIndex: 0,
      clock: { running: true, endsAt: new Date(startedAt.getTime() + 420_000).toISOString() },
    });
    t.clock.advanceSeconds(60);
    const paused = await command('pause');
    expect(paused.state.clock).toEqual({ running: false, endsAt: null, remainingMs: 360_000 });
    t.clock.advanceSeconds(600); // A paused clock does not run.
    const resumedAt = t.deps.now();
    const resumed = await command('resume');
    expect(resumed.state.clock.endsAt).toBe(new Date(resumedAt.getTime() + 360_000).toISOString());
    const extended = await command('extend');
    expect(extended.state.clock.endsAt).toBe(new Date(resumedAt.getTime() + 390_000).toISOString());
    expect(extended.version).toBe(v0 + 5);
    expect(t.bus.of('debateChanged')).toEqual(Array(5).fill({ debateId: debate.id, part: 'state' }));
    expect((await t.deps.store.getDebateSession(debate.id))?.version).toBe(v0 + 5);
  });

  it('runs to the end and reports each phase change to the summary history', async () => {
    await command('open-pre-vote');
    await command('start');
    await command('pause'); // no phase change: not reported
    await command('resume');
    await command('skip');
    await command('back');
    for (let i = 0; i < 7; i++) await command('next');
    await command('show-results');
    await command('reveal');
    const closed = await command('close');
    expect(closed.state).toMatchObject({ status: 'closed', resultsRevealed: true });
    expect(t.phaseChanges.map((c) => c.label)).toEqual([
      'Debate pre-vote',
      'Phase: Opening statement: Pakistan',
      'Phase: Opening statement: Afghanistan',
      'Phase: Opening statement: Pakistan',
      'Phase: Opening statement: Afghanistan',
      'Phase: Rebuttal: Pakistan',
      'Phase: Rebuttal: Afghanistan',
      'Phase: Audience questions',
      'Phase: Closing statement: Pakistan',
      'Phase: Closing statement: Afghanistan',
      'Debate post-vote',
      'Debate results',
      'Debate closed',
    ]);
    expect(t.phaseChanges.every((c) => c.debateId === debate.id)).toBe(true);
  });

  it('goes straight to the post-vote from a phase', async () => {
    await command('start');
    const post = await command('open-post-vote');
    expect(post.state).toMatchObject({ status: 'post-vote', phaseIndex: null, floor: null });
    expect(post.state.log[0]?.endedAt).toBe(t.deps.now().toISOString());
  });

  it('refuses commands that do not fit, and changes nothing', async () => {
    expect(await codeOf(command('pause'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(command('reveal'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(command('close'))).toBe('INVALID_TRANSITION');
    await command('start');
    expect(await codeOf(command('start'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(command('back'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(command('resume'))).toBe('INVALID_TRANSITION');
    expect((await t.deps.store.getDebateSession(debate.id))?.version).toBe(v0 + 1);
  });

  it('takes commands from the host only', async () => {
    expect(await codeOf(command('open-pre-vote', moderator))).toBe('FORBIDDEN');
    expect(await codeOf(command('open-pre-vote', reader))).toBe('FORBIDDEN');
    expect(await codeOf(command('open-pre-vote', null))).toBe('UNAUTHENTICATED');
    expect(t.bus.events).toEqual([]);
  });

  it('answers DEBATE_NOT_SET_UP without a session, NOT_FOUND without a debate', async () => {
    const article = await makeArticle(t.deps);
    const bare = await makeDebate(t.deps, { articleId: article.id, host, positions: POSITIONS });
    expect(await codeOf(hostCommand(t.deps, host, bare.id, { type: 'start' }))).toBe('DEBATE_NOT_SET_UP');
    expect(await codeOf(hostCommand(t.deps, host, 'missing', { type: 'start' }))).toBe('NOT_FOUND');
  });

  it('lets exactly one of two simultaneous commands win', async () => {
    await command('start');
    const results = await Promise.allSettled([command('pause'), command('extend')]);
    expect(results.map((r) => r.status)).toContain('fulfilled');
    expect(results.map((r) => r.status)).toContain('rejected');
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the command when the summary snapshot fails', async () => {
    t.deps.debatePhaseChanged = async () => {
      throw new Error('collab is down');
    };
    const saved = await command('start');
    expect(saved.state.status).toBe('live');
  });
});

describe('the floor', () => {
  beforeEach(async () => {
    await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
  });

  it('is given during the phases only', async () => {
    expect(await codeOf(giveFloor(t.deps, host, debate.id, reader.id))).toBe('INVALID_TRANSITION');
  });

  it('goes to a user, whose hand comes down, and back', async () => {
    await command('start');
    await setHand(t.deps, reader, { debateId: debate.id, raised: true });
    t.bus.clear();
    const given = await giveFloor(t.deps, host, debate.id, reader.id);
    // With the end of their turn in the statement stream (shared/debate/statements.ts).
    expect(given.state.floor).toEqual({ userId: reader.id, name: 'Reader', until: floorTurnEnd(t.clock.now()) });
    expect(await t.deps.store.listHands(debate.id)).toEqual([]);
    expect(t.bus.events.map((e) => e.topic)).toEqual(['debateAudience', 'debateChanged']);
    expect(t.bus.of('debateAudience')).toEqual([{ debateId: debate.id, part: 'hands' }]);
    t.bus.clear();
    // A user without a raised hand: no hands message.
    await giveFloor(t.deps, host, debate.id, moderator.id);
    expect(t.bus.events.map((e) => e.topic)).toEqual(['debateChanged']);
    const taken = await giveFloor(t.deps, host, debate.id, null);
    expect(taken.state.floor).toBeNull();
  });

  it('refuses unknown users and anyone but the host', async () => {
    await command('start');
    expect(await codeOf(giveFloor(t.deps, host, debate.id, 'nobody'))).toBe('NOT_FOUND');
    expect(await codeOf(giveFloor(t.deps, moderator, debate.id, reader.id))).toBe('FORBIDDEN');
  });
});
