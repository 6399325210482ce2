import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../store/store.js';
import { codeOf, createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { createDebate, readDebate, updateRoster, rosterView } from './roster.js';

let t: MemoryDeps;
let article: ArticleRecord;
let moderator: Actor;
let host: Actor;
let d1: Actor;
let d2: Actor;
let reader: Actor;

beforeEach(async () => {
  t = await createMemoryDeps();
  article = await makeArticle(t.deps);
  moderator = await makeUser(t.deps, 'moderator', 'Mod');
  host = await makeUser(t.deps, 'reader', 'Host');
  d1 = await makeUser(t.deps, 'reader', 'Deb One');
  d2 = await makeUser(t.deps, 'reader', 'Deb Two');
  reader = await makeUser(t.deps, 'reader', 'Reader');
});
afterEach(() => t.close());

const create = (actor: Actor | null = moderator, overrides: Partial<Parameters<typeof createDebate>[2]> = {}) =>
  createDebate(t.deps, actor, {
    articleId: article.id,
    hostId: host.id,
    motion: 'Borders should open',
    positions: [
      { name: 'For', debaterIds: [d1.id] },
      { name: 'Against', debaterIds: [d2.id] },
    ],
    ...overrides,
  });

describe('creating a debate', () => {
  it('lets a moderator create one, giving each position a fresh id', async () => {
    const debate = await create();
    expect(debate).toMatchObject({ articleId: article.id, hostId: host.id, motion: 'Borders should open' });
    expect(debate.positions.map((p) => [p.name, p.debaterIds])).toEqual([
      ['For', [d1.id]],
      ['Against', [d2.id]],
    ]);
    expect(new Set(debate.positions.map((p) => p.id)).size).toBe(2);
    expect(await readDebate(t.deps, debate.id)).toEqual(debate);
  });

  it('refuses guests, readers, unknown articles and unknown people', async () => {
    expect(await codeOf(create(null))).toBe('UNAUTHENTICATED');
    expect(await codeOf(create(reader))).toBe('FORBIDDEN');
    expect(await codeOf(create(moderator, { articleId: 'missing' }))).toBe('NOT_FOUND');
    await expect(create(moderator, { hostId: 'ghost' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'hostId', message: 'no such user' }],
    });
    await expect(create(moderator, { positions: [{ name: 'For', debaterIds: ['ghost'] }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'positions.0.debaterIds', message: 'no such user: ghost' }],
    });
  });

  it('refuses a debater on two positions', async () => {
    await expect(
      create(moderator, {
        positions: [
          { name: 'For', debaterIds: [d1.id] },
          { name: 'Against', debaterIds: [d1.id] },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'positions.1.debaterIds' }] });
  });

  it('answers NOT_FOUND for an unknown debate', async () => {
    expect(await codeOf(readDebate(t.deps, 'missing'))).toBe('NOT_FOUND');
  });
});

describe('the roster view', () => {
  it('names everyone on the roster and each position’s summary document', async () => {
    const debate = await create();
    const view = await rosterView(t.deps, debate);
    expect(view.people).toEqual({ [host.id]: 'Host', [d1.id]: 'Deb One', [d2.id]: 'Deb Two' });
    expect(view.positions.map((p) => p.docName)).toEqual(
      debate.positions.map((p) => `debate/${debate.id}/position/${p.id}`),
    );
  });
});

describe('changing the roster', () => {
  it('keeps positions given with their id, adds new ones, drops the rest and de-duplicates debaters', async () => {
    const debate = await create();
    const [forSide] = debate.positions;
    const updated = await updateRoster(t.deps, host, debate.id, {
      positions: [
        { id: forSide!.id, name: 'For (renamed)', debaterIds: [d1.id, d2.id, d2.id] },
        { name: 'Undecided', debaterIds: [] },
      ],
    });
    expect(updated.positions).toHaveLength(2);
    expect(updated.positions[0]).toEqual({ id: forSide!.id, name: 'For (renamed)', debaterIds: [d1.id, d2.id] });
    expect(updated.positions[1]).toMatchObject({ name: 'Undecided', debaterIds: [] });
    expect(updated.positions[1]?.id).not.toBe(debate.positions[1]?.id);
    // Open summary connections hear of it and re-check their access (as the front page heard of the
    // new debate when it was created).
    expect(t.bus.of('debateRoster')).toEqual([{ debate }, { debate: updated }]);
  });

  it('lets a moderator hand the debate to a new host', async () => {
    const debate = await create();
    const updated = await updateRoster(t.deps, moderator, debate.id, { hostId: reader.id });
    expect(updated.hostId).toBe(reader.id);
    expect(updated.positions).toEqual(debate.positions);
    // The old host is now an ordinary reader for this debate.
    expect(await codeOf(updateRoster(t.deps, host, debate.id, { hostId: host.id }))).toBe('FORBIDDEN');
  });

  it('refuses guests, other readers, unknown debates, positions and people', async () => {
    const debate = await create();
    expect(await codeOf(updateRoster(t.deps, null, debate.id, { hostId: reader.id }))).toBe('UNAUTHENTICATED');
    expect(await codeOf(updateRoster(t.deps, reader, debate.id, { hostId: reader.id }))).toBe('FORBIDDEN');
    expect(await codeOf(updateRoster(t.deps, moderator, 'missing', { hostId: reader.id }))).toBe('NOT_FOUND');
    expect(await codeOf(updateRoster(t.deps, moderator, debate.id, { hostId: 'ghost' }))).toBe('VALIDATION_FAILED');
    const id = debate.positions[0]!.id;
    await expect(
      updateRoster(t.deps, moderator, debate.id, { positions: [{ id: 'not-a-position', name: 'X', debaterIds: [] }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'positions.0.id' }] });
    await expect(
      updateRoster(t.deps, moderator, debate.id, {
        positions: [
          { id, name: 'A', debaterIds: [] },
          { id, name: 'B', debaterIds: [] },
        ],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'positions.1.id' }] });
    expect(await readDebate(t.deps, debate.id)).toEqual(debate);
    expect(t.bus.of('debateRoster')).toEqual([{ debate }]); // its creation only
  });
});
