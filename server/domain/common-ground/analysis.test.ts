import { describe, expect, it } from 'vitest';
import {
  GROUP_COUNTS,
  MIN_PARTICIPANTS,
  MIN_VOTES_PER_PARTICIPANT,
  VOTE_VALUE,
  projectVotes,
} from '../../../shared/common-ground.js';
import { adjustedRandIndex, plantedMatrix, rowVotes, uniformMatrix } from '../../../test/helpers/planted-votes.js';
import { analyse, TOP_STATEMENTS, UNSEEN, type AnalysisOutput, type VoteMatrix } from './analysis.js';
import { wilsonLowerBound } from './analysis-scores.js';

/** A matrix drawn as text, one string per participant: a agree, d disagree, p pass, . unseen. */
function drawn(...rows: string[]): VoteMatrix {
  const code = { a: VOTE_VALUE.agree, d: VOTE_VALUE.disagree, p: VOTE_VALUE.pass, '.': UNSEEN };
  const cols = rows[0]!.length;
  const cells = Int8Array.from(rows.join(''), (c) => code[c as keyof typeof code]);
  return { rows: rows.length, cols, cells };
}

const placedRows = (out: AnalysisOutput) => [...out.groupOf.keys()].filter((row) => out.groupOf[row]! >= 0);
const columnsOf = (list: Array<{ column: number }>) => list.map((s) => s.column).sort((a, b) => a - b);

describe('opinion groups on planted camps', () => {
  // Several seeds: one lucky matrix proves little. The helper's defaults keep the camps in the
  // votes (planted-votes.ts says why noise 0.15 would not).
  it.each([1, 2, 3, 4, 5])(
    'two camps (120 and 80): groups match them, consensus is the shared statements (seed %i)',
    (seed) => {
      const planted = plantedMatrix({ camps: [120, 80], divisive: 10, shared: 3, seed });
      const out = analyse(planted.matrix);

      expect(out.groups).toHaveLength(2);
      const placed = placedRows(out);
      expect(placed.length).toBeGreaterThan(190);
      const found = placed.map((row) => out.groupOf[row]!);
      expect(
        adjustedRandIndex(
          found,
          placed.map((row) => planted.campOf[row]!),
        ),
      ).toBeGreaterThanOrEqual(0.9);

      expect(columnsOf(out.consensus)).toEqual(planted.sharedColumns);
      expect(out.divisive.length).toBeGreaterThan(0);
      for (const { column } of out.divisive) expect(planted.divisiveColumns).toContain(column);
    },
  );

  it('orders groups largest first, with sizes that add up and centres at their members', () => {
    const out = analyse(plantedMatrix({ camps: [120, 80], divisive: 10, shared: 3, seed: 1 }).matrix);
    const sizes = out.groups.map((g) => g.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(out.participants);
    out.groups.forEach((group, g) => {
      const members = placedRows(out).filter((row) => out.groupOf[row] === g);
      const meanX = members.reduce((sum, row) => sum + out.coords[row * 2]!, 0) / members.length;
      expect(group.center[0]).toBeCloseTo(meanX, 9);
    });
  });

  it.each([1, 2, 3])('three camps: three groups, chosen by silhouette (seed %i)', (seed) => {
    const planted = plantedMatrix({ camps: [90, 70, 50], divisive: 12, shared: 3, seed });
    const out = analyse(planted.matrix);
    expect(out.groups).toHaveLength(3);
    const placed = placedRows(out);
    const found = placed.map((row) => out.groupOf[row]!);
    expect(
      adjustedRandIndex(
        found,
        placed.map((row) => planted.campOf[row]!),
      ),
    ).toBeGreaterThanOrEqual(0.8);
  });

  it.each([1, 2, 3, 4, 5, 6])('votes with no structure: no statement is called consensus (seed %i)', (seed) => {
    const out = analyse(uniformMatrix(200, 13, seed));
    // There are groups (k-means splits anything), so the consensus rule did run.
    expect(out.groups.length).toBeGreaterThanOrEqual(GROUP_COUNTS.min);
    expect(out.consensus).toEqual([]);
  });
});

describe('the consensus and divisive rules', () => {
  // Two camps of 10 that mirror each other on statements 0–3. Statement 4: camp one agrees, camp
  // two never saw it. Statement 5: everyone agrees. Statement 6: everyone passes.
  const camps = [...Array<string>(10).fill('aaddaap'), ...Array<string>(10).fill('ddaa.ap')];

  it('needs every group to agree; a group that did not vote on a statement vetoes it', () => {
    const out = analyse(drawn(...camps));
    expect(out.groups.map((g) => g.size)).toEqual([10, 10]);
    expect(columnsOf(out.consensus)).toEqual([5]);
    expect(out.consensus[0]!.score).toBeCloseTo(wilsonLowerBound(10, 10), 12);
  });

  it('calls divisive only what the groups split on, most divided first', () => {
    const out = analyse(drawn(...camps));
    expect(columnsOf(out.divisive)).toEqual([0, 1, 2, 3]);
    // Smoothed shares 11/12 and 1/12.
    for (const { score } of out.divisive) expect(score).toBeCloseTo(10 / 12, 12);
  });

  it('counts a pass against agreement', () => {
    const out = analyse(drawn(...camps));
    expect(out.splits[6]).toEqual({ agree: 0, disagree: 0, pass: 20 });
    expect(columnsOf(out.consensus)).not.toContain(6);
  });

  it('Wilson lower bound: known values', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.7225, 4);
    expect(wilsonLowerBound(50, 100)).toBeCloseTo(0.4038, 4);
  });

  it(`lists at most ${TOP_STATEMENTS} of each`, () => {
    const out = analyse(plantedMatrix({ camps: [60, 60], divisive: 14, shared: 14, seed: 3 }).matrix);
    expect(out.consensus).toHaveLength(TOP_STATEMENTS);
    expect(out.divisive).toHaveLength(TOP_STATEMENTS);
    const scores = out.consensus.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('the map', () => {
  it('projectVotes places every placed reader exactly where the analysis did', () => {
    const planted = plantedMatrix({ camps: [120, 80], divisive: 10, shared: 3, seed: 2, unseenShare: 0.4 });
    const out = analyse(planted.matrix);
    const statementIds = Array.from({ length: planted.matrix.cols }, (_, i) => `s${i}`);
    const projection = { statementIds, ...out.projection! };
    const placed = placedRows(out);
    expect(placed.length).toBeGreaterThan(150);
    for (const row of placed) {
      const [x, y] = projectVotes(projection, rowVotes(planted.matrix, row, statementIds));
      expect(x).toBeCloseTo(out.coords[row * 2]!, 9);
      expect(y).toBeCloseTo(out.coords[row * 2 + 1]!, 9);
    }
  });

  it('the projection: column means of the placed votes, unit components with a fixed sign', () => {
    const { matrix } = plantedMatrix({ camps: [50, 50], divisive: 6, shared: 2, seed: 4, unseenShare: 0.3 });
    const out = analyse(matrix);
    const placed = placedRows(out);
    for (let column = 0; column < matrix.cols; column++) {
      const seen = placed.map((row) => matrix.cells[row * matrix.cols + column]!).filter((v) => v !== UNSEEN);
      expect(out.projection!.mean[column]).toBeCloseTo(seen.reduce((a, b) => a + b, 0) / seen.length, 12);
    }
    const [first, second] = out.projection!.components;
    const dot = (p: number[], q: number[]) => p.reduce((sum, v, i) => sum + v * q[i]!, 0);
    expect(dot(first, first)).toBeCloseTo(1, 12);
    expect(dot(second, second)).toBeCloseTo(1, 12);
    expect(dot(first, second)).toBeCloseTo(0, 9);
    for (const component of [first, second]) {
      const largest = component.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('readers with too few votes are counted in the splits but not placed', () => {
    const planted = plantedMatrix({ camps: [20, 20], divisive: 6, shared: 2, seed: 5, unseenShare: 0 });
    const cells = planted.matrix.cells.slice();
    // Row 0 keeps fewer votes than placing needs.
    for (let column = MIN_VOTES_PER_PARTICIPANT - 1; column < planted.matrix.cols; column++) cells[column] = UNSEEN;
    const out = analyse({ ...planted.matrix, cells });
    expect(out.participants).toBe(39);
    expect(out.groupOf[0]).toBe(-1);
    expect(out.coords[0]).toBeNaN();
    expect(out.coords[1]).toBeNaN();
    const votes = out.splits.reduce((sum, s) => sum + s.agree + s.disagree + s.pass, 0);
    expect(votes).toBe(39 * planted.matrix.cols + MIN_VOTES_PER_PARTICIPANT - 1);
  });
});

describe('too little to group', () => {
  it(`below ${MIN_PARTICIPANTS} placed readers: splits, and nothing else`, () => {
    const out = analyse(drawn('aad', 'dda', 'ada', 'daa', 'a..', '.d.'));
    expect(out.participants).toBe(MIN_PARTICIPANTS - 1);
    expect(out.groups).toEqual([]);
    expect(out.projection).toBeNull();
    expect([...out.groupOf]).toEqual([-1, -1, -1, -1, -1, -1]);
    expect([...out.coords].every(Number.isNaN)).toBe(true);
    expect(out.splits[0]).toEqual({ agree: 3, disagree: 2, pass: 0 });
    expect(out.groupSplits).toEqual([[], [], []]);
    expect(out.consensus).toEqual([]);
    expect(out.divisive).toEqual([]);
  });

  it('one statement: no groups (a map needs two)', () => {
    const out = analyse(drawn('a', 'd', 'a', 'a', 'p', 'a'));
    expect(out.participants).toBe(6);
    expect(out.groups).toEqual([]);
    expect(out.projection).toBeNull();
  });

  it('everyone voting alike: one group at the origin, no NaN anywhere', () => {
    const out = analyse(drawn(...Array<string>(12).fill('aaad')));
    expect(out.groups).toEqual([{ size: 12, center: [0, 0] }]);
    expect([...out.coords].every((v) => v === 0)).toBe(true);
    expect(out.projection!.components.flat().every(Number.isFinite)).toBe(true);
    expect(columnsOf(out.consensus)).toEqual([0, 1, 2]);
  });

  it('rejects a matrix whose cells do not fit its shape', () => {
    expect(() => analyse({ rows: 3, cols: 3, cells: new Int8Array(8) })).toThrow(RangeError);
  });
});

it('the same matrix gives the same output', () => {
  const { matrix } = plantedMatrix({ camps: [300, 200, 100], divisive: 12, shared: 4, seed: 9 });
  const copy = { ...matrix, cells: matrix.cells.slice() };
  expect(analyse(copy)).toEqual(analyse(matrix));
});
