/** The server's own move at a phase's end (advanceAtEnd): once, and only for the end it was armed for. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhasePlan } from '../../../shared/debate/model.js';
import type { DebateRecord } from '../../store/collab-store.js';
import { createMemoryDeps, makeArticle, makeDebate, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { advanceAtEnd, hostCommand, setupSession } from './session.js';

let t: MemoryDeps;
let host: Actor;
let debate: DebateRecord;

const plan: PhasePlan[] = [
  { kind: 'opening', title: 'One', positionId: null, durationSeconds: 60, autoAdvance: true },
  { kind: 'free', title: 'Two', positionId: null, durationSeconds: 60 },
];

beforeEach(async () => {
  t = await createMemoryDeps();
  host = await makeUser(t.deps, 'host', 'Hosta');
  const article = await makeArticle(t.deps);
  debate = await makeDebate(t.deps, { articleId: article.id, host, positions: [{ id: 'a', name: 'A' }] });
  await setupSession(t.deps, host, { debateId: debate.id, template: 'free-form', plan });
});
afterEach(() => t.close());

describe('advanceAtEnd', () => {
  it('moves an auto-advancing phase on once, even when two callers race for the same end', async () => {
    const started = await hostCommand(t.deps, host, debate.id, { type: 'start' });
    const endsAt = started.state.clock.endsAt!;
    const command = { type: 'time-up' as const, phaseIndex: 0, endsAt, at: endsAt };
    const [a, b] = await Promise.all([
      advanceAtEnd(t.deps, debate.id, command),
      advanceAtEnd(t.deps, debate.id, command),
    ]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    const session = (await t.deps.store.getDebateSession(debate.id))!;
    expect(session.state).toMatchObject({ phaseIndex: 1, log: [{ endedAt: endsAt, auto: true }, {}] });
    expect(session.version).toBe(started.version + 1);
    // Again later (a restarted process, say): nothing moves.
    expect(await advanceAtEnd(t.deps, debate.id, command)).toBe(null);
  });

  it('leaves a phase the host extended alone', async () => {
    const started = await hostCommand(t.deps, host, debate.id, { type: 'start' });
    const endsAt = started.state.clock.endsAt!;
    await hostCommand(t.deps, host, debate.id, { type: 'extend', seconds: 30 });
    expect(await advanceAtEnd(t.deps, debate.id, { type: 'time-up', phaseIndex: 0, endsAt, at: endsAt })).toBe(null);
    expect((await t.deps.store.getDebateSession(debate.id))!.state.phaseIndex).toBe(0);
  });
});
