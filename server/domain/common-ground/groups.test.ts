import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroundAnalysis, GroundScope } from '../../../shared/common-ground.js';
import { plantedMatrix, rowVotes } from '../../../test/helpers/planted-votes.js';
import { createMemoryDeps, makeArticle, makeUser, type MemoryDeps } from '../testing/memory-deps.js';
import type { Actor } from '../users.js';
import { createAnalysisRunner } from './analysis-runner.js';
import { createCommonGroundGroups, type CommonGroundGroups } from './groups.js';
import { castStatementVote, proposeStatement } from './statements.js';

describe('common ground groups (the engine around the analysis)', () => {
  let m: MemoryDeps;
  let groups: CommonGroundGroups;
  let watched: boolean;
  let scope: GroundScope;
  let statementIds: string[];
  const seen: GroundAnalysis[] = [];

  beforeEach(async () => {
    m = await createMemoryDeps();
    watched = false;
    seen.length = 0;
    groups = createCommonGroundGroups(m.deps, m.deps.bus, {
      runner: createAnalysisRunner({ inline: true }),
      debounceMs: 5,
      isWatched: () => watched,
    });
    groups.onAnalysis((a) => seen.push(a));
    const moderator = await makeUser(m.deps, 'moderator');
    scope = { kind: 'article', id: (await makeArticle(m.deps)).id };
    statementIds = [];
    for (let j = 0; j < 13; j++)
      statementIds.push((await proposeStatement(m.deps, moderator, { scope, text: `Statement number ${j}` })).id);
  });
  afterEach(async () => {
    await groups.close();
    await m.close();
  });

  /** Casts, through the use case, the votes of a planted matrix: two camps (as sized) split on 10 statements and share 3. */
  async function votePlanted(people: Actor[], camps: number[], seed: number) {
    const planted = plantedMatrix({ camps, divisive: 10, shared: 3, seed });
    for (const [row, person] of people.entries())
      for (const [statementId, vote] of Object.entries(rowVotes(planted.matrix, row, statementIds)))
        await castStatementVote(m.deps, person, { statementId, vote });
    return planted;
  }

  it('finds the planted camps and the three shared statements, and shows nobody’s votes', async () => {
    const people = await Promise.all(Array.from({ length: 40 }, () => makeUser(m.deps)));
    const planted = await votePlanted(people, [24, 16], 7);
    const analysis = await groups.analysis(scope);
    expect(analysis.voters).toBe(40);
    expect(analysis.participants).toBe(40);
    expect(analysis.groups.map((g) => g.size)).toEqual([24, 16]);
    const idsOf = (columns: number[]) => columns.map((c) => statementIds[c]!).sort();
    expect(analysis.consensus.map((c) => c.statementId).sort()).toEqual(idsOf(planted.sharedColumns));
    expect(analysis.divisive.length).toBeGreaterThan(0);
    for (const d of analysis.divisive) expect(idsOf(planted.divisiveColumns)).toContain(d.statementId);
    expect(analysis.points).toHaveLength(40);
    expect([...analysis.projection!.statementIds].sort()).toEqual([...statementIds].sort());
    const text = JSON.stringify(analysis);
    for (const person of people) expect(text).not.toContain(person.id);
  });

  it('recomputes when votes arrive for a watched scope, and the version grows', async () => {
    const first = await Promise.all(Array.from({ length: 10 }, () => makeUser(m.deps)));
    await votePlanted(first, [5, 5], 3);
    watched = true;
    const before = await groups.analysis(scope);
    expect(before.voters).toBe(10);
    const more = await Promise.all(Array.from({ length: 6 }, () => makeUser(m.deps)));
    await votePlanted(more, [3, 3], 4);
    await expect.poll(() => seen.at(-1)?.voters, { timeout: 10_000 }).toBe(16);
    expect(seen.at(-1)!.version).toBeGreaterThan(before.version);
  });

  it('has no groups below the minimum of participants', async () => {
    const few = await Promise.all(Array.from({ length: 3 }, () => makeUser(m.deps)));
    const planted = await votePlanted(few, [2, 1], 5);
    const analysis = await groups.analysis(scope);
    expect(analysis.groups).toEqual([]);
    expect(analysis.projection).toBeNull();
    expect(analysis.points).toEqual([]);
    // Counts still come, all groups together.
    const column = planted.sharedColumns[0]!;
    const cells = [0, 1, 2].map((row) => planted.matrix.cells[row * planted.matrix.cols + column]);
    const count = (value: number) => cells.filter((c) => c === value).length;
    expect(analysis.splits[statementIds[column]!]).toEqual({ agree: count(1), disagree: count(-1), pass: count(0) });
  });
});
