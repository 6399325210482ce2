import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLOOR_TURN_SECONDS } from '../../../shared/debate/statements.js';
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
import { postStatement, transcriptOf } from './statements.js';

let t: MemoryDeps;
let host: Actor;
let pkDebater: Actor;
let afDebater: Actor;
let reader: Actor;
let debate: DebateRecord;

beforeEach(async () => {
  t = await createMemoryDeps();
  host = await makeUser(t.deps, 'reader', 'Hosta');
  pkDebater = await makeUser(t.deps, 'reader', 'Ayesha');
  afDebater = await makeUser(t.deps, 'reader', 'Farid');
  reader = await makeUser(t.deps, 'reader', 'Reader');
  const article = await makeArticle(t.deps);
  debate = await makeDebate(t.deps, {
    articleId: article.id,
    host,
    positions: [
      { id: 'pk', name: 'Pakistan', debaterIds: [pkDebater.id] },
      { id: 'af', name: 'Afghanistan', debaterIds: [afDebater.id] },
    ],
  });
  await setupSession(t.deps, host, { debateId: debate.id, template: 'oxford' });
});
afterEach(() => t.close());

const say = (actor: Actor | null, text: string) => postStatement(t.deps, actor, { debateId: debate.id, text });

describe('the statement stream', () => {
  it('is closed before the phases, then takes the debater whose phase it is and the host for them', async () => {
    expect(await codeOf(say(pkDebater, 'Too early.'))).toBe('INVALID_TRANSITION');
    await hostCommand(t.deps, host, debate.id, { type: 'start' });
    t.bus.clear();
    const first = await say(pkDebater, 'Peace needs a border both sides police.');
    expect(first).toMatchObject({
      seq: 1,
      phaseIndex: 0,
      via: 'debater',
      speaker: { userId: pkDebater.id, name: 'Ayesha', positionId: 'pk' },
    });
    const byHost = await say(host, 'Read out for Ayesha, whose connection dropped.');
    expect(byHost).toMatchObject({ seq: 2, via: 'host', speaker: { userId: host.id, positionId: 'pk' } });
    expect(t.bus.of('debateStatement').map((m) => m.statement)).toEqual([first, byHost]);
    // The other side and the audience wait.
    expect(await codeOf(say(afDebater, 'Not my phase.'))).toBe('FORBIDDEN');
    expect(await codeOf(say(reader, 'Me too.'))).toBe('FORBIDDEN');
    expect(await codeOf(say(null, 'Guest.'))).toBe('UNAUTHENTICATED');
    await hostCommand(t.deps, host, debate.id, { type: 'next' });
    expect(await say(afDebater, 'Now it is.')).toMatchObject({ seq: 3, phaseIndex: 1, speaker: { positionId: 'af' } });
    expect(await codeOf(say(pkDebater, 'Not mine now.'))).toBe('FORBIDDEN');
    expect((await transcriptOf(t.deps, debate.id, 0)).statements.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(await transcriptOf(t.deps, debate.id, 2)).toMatchObject({ seq: 3, statements: [{ seq: 3 }] });
  });

  it('gives a raised hand a turn that ends after FLOOR_TURN_SECONDS, or when the host takes the floor back', async () => {
    await hostCommand(t.deps, host, debate.id, { type: 'start' });
    await setHand(t.deps, reader, { debateId: debate.id, raised: true });
    const given = await giveFloor(t.deps, host, debate.id, reader.id);
    expect(given.state.floor?.until).toBe(new Date(t.clock.now().getTime() + FLOOR_TURN_SECONDS * 1000).toISOString());
    expect(await say(reader, 'A question from the floor.')).toMatchObject({
      via: 'floor',
      speaker: { userId: reader.id, positionId: null },
    });
    t.clock.advanceSeconds(FLOOR_TURN_SECONDS - 1);
    await say(reader, 'One more sentence.');
    t.clock.advanceSeconds(1);
    expect(await codeOf(say(reader, 'Past my turn.'))).toBe('FORBIDDEN');

    await giveFloor(t.deps, host, debate.id, reader.id);
    await say(reader, 'A second turn.');
    await giveFloor(t.deps, host, debate.id, null);
    expect(await codeOf(say(reader, 'Taken back.'))).toBe('FORBIDDEN');
    // A new phase clears the floor (shared/debate/machine.ts).
    await giveFloor(t.deps, host, debate.id, reader.id);
    await hostCommand(t.deps, host, debate.id, { type: 'next' });
    expect(await codeOf(say(reader, 'New phase.'))).toBe('FORBIDDEN');
  });

  it('lets every debater speak in a phase that belongs to no position', async () => {
    await hostCommand(t.deps, host, debate.id, { type: 'start' });
    for (let i = 0; i < 4; i++) await hostCommand(t.deps, host, debate.id, { type: 'next' });
    expect(await say(pkDebater, 'Answering the question.')).toMatchObject({
      phaseIndex: 4,
      speaker: { positionId: 'pk' },
    });
    expect(await say(afDebater, 'And my answer.')).toMatchObject({ phaseIndex: 4, speaker: { positionId: 'af' } });
    expect(await codeOf(say(reader, 'Not a debater.'))).toBe('FORBIDDEN');
  });
});
