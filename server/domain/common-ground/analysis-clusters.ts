/**
 * The opinion groups of the points on the map (analysis.ts, issue 16): k-means (ml-kmeans) for
 * each number of groups GROUP_COUNTS allows, and the number whose grouping has the best mean
 * silhouette. Deterministic: k-means starts from fixed seeds, and the sample is an even one.
 */
import { kmeans } from 'ml-kmeans';
import { GROUP_COUNTS } from '../../../shared/common-ground.js';

/** Points the silhouette is measured on at most: it is quadratic, and an even sample ranks k alike. */
export const SILHOUETTE_SAMPLE = 1000;
/** k-means runs per k, from these seeds; the one with the least within-group spread is kept. */
const KMEANS_SEEDS = [1, 2, 3];

/**
 * A group label per point: k-means for each k of GROUP_COUNTS (at most one fewer than the points,
 * and no more than the distinct points), the k with the best mean silhouette (ties: the fewer
 * groups). Points that are all one (everyone voted alike) form a single group.
 *
 * k is chosen on an even sample of at most SILHOUETTE_SAMPLE points (k-means and silhouettes on
 * 10,000 points, for every k and seed, would take most of a second); everyone is then grouped by
 * one k-means run that starts from the sample's centres and so converges in a few steps.
 */
export function chooseGroups(points: Array<[number, number]>): number[] {
  const sample = evenSample(points.length, SILHOUETTE_SAMPLE).map((i) => points[i]!);
  const distinct = new Set(sample.map(([x, y]) => `${x},${y}`)).size;
  const largestK = Math.min(GROUP_COUNTS.max, sample.length - 1, distinct);
  if (largestK < GROUP_COUNTS.min) return points.map(() => 0);
  const distances = pairwiseDistances(sample);
  let best = { score: -Infinity, clusters: [] as number[], centroids: [] as number[][] };
  for (let k = GROUP_COUNTS.min; k <= largestK; k++) {
    const grouping = bestKMeans(sample, k);
    const score = meanSilhouette(distances, grouping.clusters);
    if (score > best.score) best = { score, ...grouping };
  }
  if (sample.length === points.length) return best.clusters;
  return kmeans(points, best.centroids.length, { initialization: best.centroids }).clusters;
}

/** k-means from each of KMEANS_SEEDS (k-means++ starts), the run with the least within-group spread. */
function bestKMeans(points: Array<[number, number]>, k: number): { clusters: number[]; centroids: number[][] } {
  let best = { spread: Infinity, clusters: [] as number[], centroids: [] as number[][] };
  for (const seed of KMEANS_SEEDS) {
    const { clusters, centroids } = kmeans(points, k, { seed, initialization: 'kmeans++' });
    const spread = clusters.reduce((sum, c, i) => sum + squaredDistance(points[i]!, centroids[c]!), 0);
    if (spread < best.spread) best = { spread, clusters, centroids };
  }
  return best;
}

const squaredDistance = (p: readonly number[], q: readonly number[]) => (p[0]! - q[0]!) ** 2 + (p[1]! - q[1]!) ** 2;

/** At most `size` indices of 0..n−1, evenly spread (the same every time). */
function evenSample(n: number, size: number): number[] {
  if (n <= size) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}

/** Euclidean distances between every two points, computed once for every k. */
function pairwiseDistances(points: Array<[number, number]>): Float64Array {
  const m = points.length;
  const distances = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const d = Math.sqrt(squaredDistance(points[a]!, points[b]!));
      distances[a * m + b] = d;
      distances[b * m + a] = d;
    }
  }
  return distances;
}

/**
 * The mean silhouette (Rousseeuw 1987) of points under `labels`, from their `distances`. Written
 * here: no maintained package in node_modules offers one to product code (simple-statistics has
 * one, but only as a dev dependency, over arrays of arrays). A point alone in its group scores 0,
 * as in scikit-learn.
 */
export function meanSilhouette(distances: Float64Array, labels: number[]): number {
  const m = labels.length;
  const groups = Math.max(...labels) + 1;
  const sizes = new Array<number>(groups).fill(0);
  for (const label of labels) sizes[label]!++;
  let total = 0;
  const sums = new Float64Array(groups);
  for (let a = 0; a < m; a++) {
    sums.fill(0);
    for (let b = 0; b < m; b++) sums[labels[b]!]! += distances[a * m + b]!;
    const own = labels[a]!;
    if (sizes[own]! < 2) continue;
    const within = sums[own]! / (sizes[own]! - 1);
    let nearest = Infinity;
    for (let g = 0; g < groups; g++) if (g !== own && sizes[g]! > 0) nearest = Math.min(nearest, sums[g]! / sizes[g]!);
    const spread = Math.max(within, nearest);
    total += spread > 0 && nearest < Infinity ? (nearest - within) / spread : 0;
  }
  return total / m;
}
