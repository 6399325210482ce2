/**
 * Synthetic vote matrices for common ground (issue 16): camps of readers with a planted opinion
 * structure, so a test knows which groups and which consensus statements the analysis should find.
 * Seeded: the same options give the same matrix on every machine.
 */
import { UNSEEN, type VoteMatrix } from '../../server/domain/common-ground/analysis.js';
import { VOTE_VALUE, type GroundVote } from '../../shared/common-ground.js';

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlantedOptions {
  /** Readers in each camp, e.g. [120, 80]. */
  camps: number[];
  /** Statements the camps disagree on. */
  divisive: number;
  /** Statements every camp agrees with. */
  shared: number;
  /**
   * Chance a vote that is not a pass goes against its camp's leaning (default 0.1: with the passes,
   * a camp votes its leaning about 85 % of the time). At 0.15 and 10 divisive statements, even a
   * rule that knows the planted leanings puts enough readers in the wrong camp to miss an adjusted
   * Rand index of 0.9 in about one matrix in five: the votes no longer hold the camps.
   */
  noise?: number;
  /** Chance a seen cell is a pass (default 0.05). */
  passShare?: number;
  /** Chance a cell is not voted on at all (default 0.2). */
  unseenShare?: number;
  seed?: number;
}

export interface PlantedVotes {
  matrix: VoteMatrix;
  /** Per row: the camp it was drawn from. */
  campOf: number[];
  /** Columns every camp agrees with, ascending. */
  sharedColumns: number[];
  /** Columns the camps disagree on, ascending. */
  divisiveColumns: number[];
  /** Per camp, per column: +1 the camp leans agree, −1 disagree. */
  leaning: number[][];
}

/**
 * Camps that lean apart on `divisive` statements and together on `shared` ones. On divisive
 * statement s, camp c leans agree when s mod (number of camps) is c, and disagree otherwise: with
 * two camps, one agrees where the other disagrees, half the statements each way round. Every camp
 * leans agree on the shared ones. The roles are shuffled over the columns, and rows over camps,
 * so no test can pass by position.
 */
export function plantedMatrix(options: PlantedOptions): PlantedVotes {
  const { camps, divisive, shared, noise = 0.1, passShare = 0.05, unseenShare = 0.2, seed = 1 } = options;
  const random = seededRandom(seed);
  const cols = divisive + shared;
  const roles = shuffle(
    Array.from({ length: cols }, (_, i) => i),
    random,
  );
  const divisiveOf = new Map(roles.slice(0, divisive).map((column, s) => [column, s]));
  const leaning = camps.map((_, camp) =>
    Array.from({ length: cols }, (_, column) => {
      const s = divisiveOf.get(column);
      return s === undefined || s % camps.length === camp ? 1 : -1;
    }),
  );
  const campOf = shuffle(
    camps.flatMap((size, camp) => Array<number>(size).fill(camp)),
    random,
  );
  const cells = new Int8Array(campOf.length * cols);
  campOf.forEach((camp, row) => {
    for (let column = 0; column < cols; column++) {
      cells[row * cols + column] = drawVote(leaning[camp]![column]!, { noise, passShare, unseenShare }, random);
    }
  });
  return {
    matrix: { rows: campOf.length, cols, cells },
    campOf,
    sharedColumns: roles.slice(divisive).sort((a, b) => a - b),
    divisiveColumns: roles.slice(0, divisive).sort((a, b) => a - b),
    leaning,
  };
}

/** Votes with no structure: every cell unseen with `unseenShare`, else agree, disagree or pass alike. */
export function uniformMatrix(rows: number, cols: number, seed: number, unseenShare = 0.2): VoteMatrix {
  const random = seededRandom(seed);
  const cells = new Int8Array(rows * cols);
  const values = [VOTE_VALUE.agree, VOTE_VALUE.disagree, VOTE_VALUE.pass];
  for (let c = 0; c < cells.length; c++) {
    cells[c] = random() < unseenShare ? UNSEEN : values[Math.floor(random() * 3)]!;
  }
  return { rows, cols, cells };
}

function drawVote(
  leaning: number,
  { noise, passShare, unseenShare }: { noise: number; passShare: number; unseenShare: number },
  random: () => number,
): number {
  if (random() < unseenShare) return UNSEEN;
  if (random() < passShare) return VOTE_VALUE.pass;
  return random() < noise ? -leaning : leaning;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A row of the matrix as the votes of one reader on statements named by `statementIds` (by column). */
export function rowVotes(matrix: VoteMatrix, row: number, statementIds: string[]): Record<string, GroundVote> {
  const votes: Record<string, GroundVote> = {};
  statementIds.forEach((id, column) => {
    const cell = matrix.cells[row * matrix.cols + column];
    if (cell === VOTE_VALUE.agree) votes[id] = 'agree';
    else if (cell === VOTE_VALUE.disagree) votes[id] = 'disagree';
    else if (cell === VOTE_VALUE.pass) votes[id] = 'pass';
  });
  return votes;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Adjusted Rand index (Hubert and Arabie, 1985) of two labellings of the same items: 1 when they
 * split the items alike, whatever the labels are called, and about 0 for a split no better than
 * chance. The plain Rand index or "share of items in the right group" would need the labels
 * matched up first and would reward any split of lopsided camps.
 */
export function adjustedRandIndex(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error('labellings of different lengths');
  const together = new Map<string, number>();
  const rowsOf = new Map<number, number>();
  const colsOf = new Map<number, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    together.set(`${x},${y}`, (together.get(`${x},${y}`) ?? 0) + 1);
    rowsOf.set(x, (rowsOf.get(x) ?? 0) + 1);
    colsOf.set(y, (colsOf.get(y) ?? 0) + 1);
  });
  const sumPairs = (counts: Iterable<number>) => [...counts].reduce((sum, n) => sum + pairs(n), 0);
  const index = sumPairs(together.values());
  const [rowPairs, colPairs] = [sumPairs(rowsOf.values()), sumPairs(colsOf.values())];
  const expected = (rowPairs * colPairs) / pairs(a.length);
  const max = (rowPairs + colPairs) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
