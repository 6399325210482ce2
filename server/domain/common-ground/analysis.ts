/**
 * The opinion groups of one scope (issue 16), Pol.is style: the participant × statement vote
 * matrix is reduced to two dimensions with PCA (ml-pca), the points are grouped with k-means
 * (ml-kmeans), the number of groups is the one with the best silhouette, and each statement is
 * scored for consensus (every group agrees) and division (two groups apart).
 *
 * Pure and deterministic: the same matrix gives the same output (k-means runs from fixed seeds).
 * It runs in a worker thread in production (analysis-runner.ts): 10,000 × 100 takes a few hundred
 * milliseconds, far too long for the event loop.
 */
import { Matrix } from 'ml-matrix';
import { PCA } from 'ml-pca';
import {
  MIN_PARTICIPANTS,
  MIN_VOTES_PER_PARTICIPANT,
  VOTE_VALUE,
  type VoteSplit,
} from '../../../shared/common-ground.js';
import { chooseGroups } from './analysis-clusters.js';
import { consensusStatements, divisiveStatements } from './analysis-scores.js';

/** A cell of a participant who has not voted on the statement. */
export const UNSEEN = -128;

/** Participants × statements, row-major; each cell VOTE_VALUE (+1 agree, −1 disagree, 0 pass) or UNSEEN. */
export interface VoteMatrix {
  rows: number;
  cols: number;
  cells: Int8Array;
}

export interface AnalysisOutput {
  /** Rows with enough votes to be placed (MIN_VOTES_PER_PARTICIPANT); they are in groups when there are groups. */
  participants: number;
  /** Per row: group index into `groups`, or −1. */
  groupOf: Int16Array;
  /** Per row: x at 2i, y at 2i+1 (NaN when not placed). */
  coords: Float64Array;
  /** Largest first; empty when none. */
  groups: Array<{ size: number; center: [number, number] }>;
  /** Per column (statement): what projectVotes (shared/common-ground.ts) needs; null without groups. */
  projection: { mean: number[]; components: [number[], number[]] } | null;
  /** Per column: the split of all votes. */
  splits: VoteSplit[];
  /** Per column: the split in each group (groups order). Empty arrays when no groups. */
  groupSplits: VoteSplit[][];
  /** Strongest first, at most TOP_STATEMENTS. */
  consensus: Array<{ column: number; score: number }>;
  /** Most divided first, at most TOP_STATEMENTS. */
  divisive: Array<{ column: number; score: number }>;
}

/** Statements listed at most as consensus, and as divisive. */
export const TOP_STATEMENTS = 10;

/**
 * Groups `matrix`'s participants and scores its statements. Throws (RangeError) only when the
 * matrix's cells do not number rows × cols.
 */
export function analyse(matrix: VoteMatrix): AnalysisOutput {
  const { rows, cols } = matrix;
  if (matrix.cells.length !== rows * cols) {
    throw new RangeError(`a ${rows} × ${cols} vote matrix needs ${rows * cols} cells, not ${matrix.cells.length}`);
  }
  const placed = placedRows(matrix);
  const groupOf = new Int16Array(rows).fill(-1);
  const coords = new Float64Array(rows * 2).fill(NaN);
  const splits = columnSplits(matrix, allRows(rows));
  const none: AnalysisOutput = {
    participants: placed.length,
    groupOf,
    coords,
    groups: [],
    projection: null,
    splits,
    groupSplits: splits.map(() => []),
    consensus: [],
    divisive: [],
  };
  if (placed.length < MIN_PARTICIPANTS || cols < 2) return none;

  const projection = principalProjection(matrix, placed);
  const points = placed.map((row) => project(matrix, row, projection));
  placed.forEach((row, i) => coords.set(points[i]!, row * 2));

  const labels = chooseGroups(points);
  const groups = orderBySize(labels, points);
  const members: number[][] = groups.map(() => []);
  placed.forEach((row, i) => {
    const group = groups.findIndex((g) => g.label === labels[i]);
    groupOf[row] = group;
    members[group]!.push(row);
  });
  const perGroup = members.map((rowsOf) => columnSplits(matrix, rowsOf));
  const groupSplits = splits.map((_, column) => perGroup.map((s) => s[column]!));
  const consensus = consensusStatements(groupSplits);
  const consensusColumns = new Set(consensus.map((c) => c.column));
  const divisive = divisiveStatements(groupSplits).filter((d) => !consensusColumns.has(d.column));
  return {
    ...none,
    groups: groups.map(({ size, center }) => ({ size, center })),
    projection,
    groupSplits,
    consensus: consensus.slice(0, TOP_STATEMENTS),
    divisive: divisive.slice(0, TOP_STATEMENTS),
  };
}

const allRows = (rows: number) => Array.from({ length: rows }, (_, i) => i);

/** Rows with at least MIN_VOTES_PER_PARTICIPANT seen cells (all of them, when there are fewer statements). */
function placedRows({ rows, cols, cells }: VoteMatrix): number[] {
  const needed = Math.min(MIN_VOTES_PER_PARTICIPANT, cols);
  const placed: number[] = [];
  for (let row = 0; row < rows; row++) {
    let seen = 0;
    for (let c = row * cols; c < (row + 1) * cols; c++) if (cells[c] !== UNSEEN) seen++;
    if (seen >= needed) placed.push(row);
  }
  return placed;
}

// Read once: this runs for every cell, and a property read through the module binding each time
// showed up in profiles.
const { agree: AGREE, disagree: DISAGREE, pass: PASS } = VOTE_VALUE;

function columnSplits({ cols, cells }: VoteMatrix, rowsOf: number[]): VoteSplit[] {
  const splits = Array.from({ length: cols }, () => ({ agree: 0, disagree: 0, pass: 0 }));
  for (const row of rowsOf) {
    for (let column = 0; column < cols; column++) {
      const cell = cells[row * cols + column];
      const split = splits[column]!;
      if (cell === AGREE) split.agree++;
      else if (cell === DISAGREE) split.disagree++;
      else if (cell === PASS) split.pass++;
    }
  }
  return splits;
}

type Projection = NonNullable<AnalysisOutput['projection']>;

/**
 * The two principal components of the placed rows, with unseen cells imputed by their column's
 * mean (so they add nothing once centred: projectVotes skips them and gives the same point).
 * The covariance matrix is summed here over typed arrays and handed to ml-pca for its
 * eigen-decomposition: for 10,000 × 100 that takes about 0.1 s, where ml-pca's own SVD of the data,
 * or its covariance through ml-matrix's generic product, takes much longer.
 */
function principalProjection({ cols, cells }: VoteMatrix, placed: number[]): Projection {
  const sums = new Float64Array(cols);
  const counts = new Float64Array(cols);
  for (const row of placed) {
    for (let column = 0; column < cols; column++) {
      const cell = cells[row * cols + column]!;
      if (cell === UNSEEN) continue;
      sums[column]! += cell;
      counts[column]!++;
    }
  }
  const mean = Array.from(sums, (sum, column) => (counts[column] ? sum / counts[column]! : 0));

  // The centred, imputed matrix column by column (an unseen cell centres to 0), so that each
  // covariance is one dot product over contiguous memory.
  const n = placed.length;
  const centred = new Float64Array(cols * n);
  placed.forEach((row, r) => {
    for (let column = 0; column < cols; column++) {
      const cell = cells[row * cols + column]!;
      if (cell !== UNSEEN) centred[column * n + r] = cell - mean[column]!;
    }
  });
  const covariance = covarianceOf(centred, n, cols);
  // Eigenvectors as columns, largest eigenvalue first. A zero matrix (everyone voted alike) gives
  // unit vectors, so every point lands on the origin and nothing is NaN.
  const eigenvectors = new PCA(covariance, { isCovarianceMatrix: true }).getEigenvectors();
  const components = [0, 1].map((k) => unitWithSign(eigenvectors.getColumn(k))) as [number[], number[]];
  return { mean, components };
}

/**
 * X'X / (n − 1) of the column-major `centred` (cols columns of n). The work of the whole analysis
 * is here (10,000 × 100: 5 × 10⁷ products), so each column is multiplied with four others in one
 * pass: a quarter of the reads of it, and four independent sums; measured about 1.5× faster than
 * one dot product at a time.
 */
function covarianceOf(centred: Float64Array, n: number, cols: number): Matrix {
  const covariance = new Matrix(cols, cols);
  const put = (i: number, j: number, sum: number) => {
    covariance.set(i, j, sum / (n - 1));
    covariance.set(j, i, sum / (n - 1));
  };
  for (let i = 0; i < cols; i++) {
    const a = i * n;
    let j = i;
    for (; j + 3 < cols; j += 4) {
      const [b0, b1, b2, b3] = [j * n, (j + 1) * n, (j + 2) * n, (j + 3) * n];
      let [s0, s1, s2, s3] = [0, 0, 0, 0];
      for (let r = 0; r < n; r++) {
        const x = centred[a + r]!;
        s0 += x * centred[b0 + r]!;
        s1 += x * centred[b1 + r]!;
        s2 += x * centred[b2 + r]!;
        s3 += x * centred[b3 + r]!;
      }
      [s0, s1, s2, s3].forEach((sum, k) => put(i, j + k, sum));
    }
    for (; j < cols; j++) {
      let sum = 0;
      for (let r = 0, b = j * n; r < n; r++) sum += centred[a + r]! * centred[b + r]!;
      put(i, j, sum);
    }
  }
  return covariance;
}

/**
 * A component scaled to unit length, its sign fixed: the entry of largest magnitude (the first,
 * on ties) is positive. Eigenvectors have no sign of their own, and a map that flips between two
 * recomputations would move every reader for nothing.
 */
function unitWithSign(vector: number[]): number[] {
  const length = Math.hypot(...vector);
  let largest = 0;
  vector.forEach((v, i) => {
    if (Math.abs(v) > Math.abs(vector[largest]!)) largest = i;
  });
  const factor = (vector[largest]! < 0 ? -1 : 1) / (length || 1);
  return vector.map((v) => v * factor || 0);
}

/** A row's point, summed in column order over its seen cells, exactly as projectVotes does. */
function project({ cols, cells }: VoteMatrix, row: number, { mean, components }: Projection): [number, number] {
  let x = 0;
  let y = 0;
  for (let column = 0; column < cols; column++) {
    const cell = cells[row * cols + column]!;
    if (cell === UNSEEN) continue;
    const centred = cell - mean[column]!;
    x += centred * components[0][column]!;
    y += centred * components[1][column]!;
  }
  return [x, y];
}

/** The non-empty groups, largest first (ties: lower label), each with its centre. */
function orderBySize(labels: number[], points: Array<[number, number]>) {
  const byLabel = new Map<number, { label: number; size: number; center: [number, number] }>();
  labels.forEach((label, i) => {
    const group = byLabel.get(label) ?? { label, size: 0, center: [0, 0] };
    group.size++;
    group.center[0] += points[i]![0];
    group.center[1] += points[i]![1];
    byLabel.set(label, group);
  });
  const groups = [...byLabel.values()].sort((a, b) => b.size - a.size || a.label - b.label);
  for (const g of groups) g.center = [g.center[0] / g.size, g.center[1] / g.size];
  return groups;
}
