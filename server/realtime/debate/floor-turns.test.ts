import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLOOR_TURN_SECONDS } from '../../../shared/debate/statements.js';
import type { DebateRecord } from '../../store/collab-store.js';
import { setHand } from '../../domain/debate/audience.js';
import { endFloorTurn, giveFloor, hostCommand, setupSession } from '../../domain/debate/session.js';
import {
  createMemoryDeps,
  makeArticle,
  makeDebate,
  makeUser,
  type MemoryDeps,
} from '../../domain/testing/memory-deps.js';
import type { Actor } from '../../domain/users.js';
import { waitUntil } from '../../../test/helpers/wait.js';
import { startFloorTurnTimers, type FloorTurnTimers } from './floor-turns.js';

let t: MemoryDeps;
let host: Actor;
let reader: Actor;
let debate: DebateRecord;
const running: FloorTurnTimers[] = [];

beforeEach(async () => {
  t = await createMemoryDeps();
  host = await makeUser(t.deps, 'reader', 'Hosta');
  reader = await makeUser(t.deps, 'reader', 'Reader');
  const article = await makeArticle(t.deps);
  debate = await makeDebate(t.deps, {
    articleId: article.id,
    host,
    positions: [
      { id: 'pk', name: 'Pakistan', debaterIds: [] },
      { id: 'af', name: 'Afghanistan', debaterIds: [] },
    ],
  });
  await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
  await hostCommand(t.deps, host, debate.id, { type: 'start' });
  await setHand(t.deps, reader, { debateId: debate.id, raised: true });
});
afterEach(async () => {
  for (const timers of running.splice(0)) await timers.stop();
  t.close();
});

/** A process's floor-turn timers on the shared store and bus; `sweepMs` short so the test needs no waiting. */
function startTimers(): FloorTurnTimers {
  const timers = startFloorTurnTimers({
    store: t.deps.store,
    bus: t.deps.bus,
    log: t.deps.log,
    now: t.deps.now,
    endTurn: (debateId, turn) => endFloorTurn(t.deps, debateId, turn),
    sweepMs: 50,
  });
  running.push(timers);
  return timers;
}

const floorNow = async () => (await t.deps.store.getDebateSession(debate.id))!.state.floor;

/** Polls until the floor is empty (every take-back is a store write the test can read). */
const floorTakenBack = () => waitUntil(async () => (await floorNow()) === null, 'the floor taken back');

describe('a hand’s turn on the floor', () => {
  it('is taken back by the server when it ends, not a second before', async () => {
    const given = await giveFloor(t.deps, host, debate.id, reader.id);
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS - 1);
    startTimers();
    // A second left: several sweeps pass and the floor stays.
    for (let i = 0; i < 5; i++) await running[0]!.sweep();
    await new Promise((r) => setTimeout(r, 200));
    expect(await floorNow()).toEqual(given.state.floor);
    t.bus.clear();
    t.clock.advanceSeconds(1);
    await floorTakenBack();
    expect(t.bus.of('debateChanged')).toEqual([{ debateId: debate.id, part: 'state' }]);
  });

  it('is taken back once when several processes fire on it', async () => {
    await giveFloor(t.deps, host, debate.id, reader.id);
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS);
    t.bus.clear();
    startTimers();
    startTimers();
    startTimers();
    await floorTakenBack();
    for (const timers of running) await timers.sweep();
    expect(t.bus.of('debateChanged')).toHaveLength(1);
  });

  it('leaves a newer turn alone: only the turn that ended is taken back', async () => {
    const first = (await giveFloor(t.deps, host, debate.id, reader.id)).state.floor!;
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS / 2);
    const second = (await giveFloor(t.deps, host, debate.id, reader.id)).state.floor!;
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS / 2);
    // The first turn's end: its take-back finds another turn on the floor and does nothing.
    expect(await endFloorTurn(t.deps, debate.id, { userId: reader.id, until: first.until! })).toBeNull();
    expect(await floorNow()).toEqual(second);
    const early = startTimers();
    await early.sweep();
    expect(early.armed()).toEqual([debate.id]);
    expect(await floorNow()).toEqual(second);
    // Its timers run on real time: a process started after the second turn's end takes it back.
    await early.stop();
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS / 2);
    startTimers();
    await floorTakenBack();
  });
});
