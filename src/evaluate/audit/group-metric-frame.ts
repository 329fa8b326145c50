import {
  bootstrapSettings,
  percentileInterval,
  stratifiedResampleMeans,
  type BootstrapOptions,
} from './bootstrap.js';

/**
 * Group fairness of a per-viewer ranking metric (what Fairlearn's MetricFrame is for classification):
 * the metric's mean overall and within each viewer group, and the gap between the best and the worst
 * group as a difference (max mean - min mean) and a ratio (min mean / max mean; 1 is parity).
 *
 * Every number has a percentile bootstrap interval. Resampling is stratified by group (see
 * bootstrap.ts): each resample redraws every group's viewers within that group, keeping group sizes.
 * The difference and ratio compare the worst and the best group as observed, and their intervals
 * bootstrap that same pair on each resample: an interval for the difference that reaches 0 (or for the
 * ratio that reaches 1) says the gap between them is within noise. (Re-picking the extremes on every
 * resample instead makes intervals that, with many groups, can miss the observed gap entirely, because
 * the max minus the min of noisy means is biased upwards.) Groups under minGroupSize are left out of the
 * comparison because the extremes of many small groups are mostly noise.
 * The metric is taken to be higher-is-better and non-negative, as nDCG, recall and hit rate are: the
 * worst group is the one with the lowest mean.
 */

export interface GroupMetricFrameOptions {
  /** Bootstrap resamples (default 1000). */
  resamples?: number;
  /** Interval coverage (default 0.95). */
  confidence?: number;
  /** Seed of the resampling (default 42). */
  seed?: number;
  /** Default 1; smaller groups are reported but excluded from difference/ratio. */
  minGroupSize?: number;
}

export interface GroupStat {
  group: string;
  n: number;
  mean: number;
  ci: [number, number];
}

export interface GroupMetricFrame {
  metric: string;
  overall: GroupStat;
  byGroup: GroupStat[];
  difference: { value: number; ci: [number, number] };
  ratio: { value: number; ci: [number, number] };
  worstGroup: string | null;
  bestGroup: string | null;
}

/** The label of the whole population in `overall`. */
export const OVERALL = 'overall';
/** Joins the labels of an intersection: "F" and "25-34" make "F|25-34". */
export const INTERSECTION_SEPARATOR = '|';

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Row-wise joined labels of several label columns of equal length, for intersectional groups. */
export function intersectionLabels(...columns: readonly string[][]): string[] {
  const [first] = columns;
  if (!first) throw new Error('intersectionLabels needs at least one column');
  for (const column of columns) {
    if (column.length !== first.length) {
      throw new Error(`label columns differ in length: ${columns.map((c) => c.length).join(', ')}`);
    }
  }
  return first.map((_, i) => columns.map((column) => column[i]).join(INTERSECTION_SEPARATOR));
}

/**
 * Min over max of group means. When the largest mean is 0 every group scored 0: they are equal, so the
 * ratio is 1 (parity), not 0/0.
 */
export function parityRatio(min: number, max: number): number {
  return max === 0 ? 1 : min / max;
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Min and max of `means` at the given group indices (which must be non-empty). */
function extremes(means: (g: number) => number, groups: readonly number[]): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const g of groups) {
    const mean = means(g);
    if (mean < min) min = mean;
    if (mean > max) max = mean;
  }
  return { min, max };
}

/**
 * The metric frame of per-viewer `values` (values[i] for viewer i, e.g. nDCG@10) by `groups[i]`.
 * Groups are listed in natural label order. With fewer than two groups of at least `minGroupSize`
 * viewers nothing is compared: difference 0, ratio 1, and no worst or best group.
 */
export function groupMetricFrame(
  metric: string,
  values: ArrayLike<number>,
  groups: readonly string[],
  options: GroupMetricFrameOptions = {},
): GroupMetricFrame {
  const settings = bootstrapSettings(options satisfies BootstrapOptions);
  const { minGroupSize = 1 } = options;
  if (!(Number.isInteger(minGroupSize) && minGroupSize >= 1)) {
    throw new Error(`minGroupSize must be a positive integer, got ${minGroupSize}`);
  }
  const n = values.length;
  if (groups.length !== n) throw new Error(`${n} values but ${groups.length} group labels`);
  if (n === 0) throw new Error(`no values to measure ${metric} on`);
  for (let i = 0; i < n; i += 1) {
    if (!Number.isFinite(values[i])) throw new Error(`${metric} of viewer ${i} is ${values[i]}, not finite`);
  }

  const labels = [...new Set(groups)].sort(naturalOrder);
  const indexOf = new Map(labels.map((label, g) => [label, g]));
  const sizes = new Int32Array(labels.length);
  for (const label of groups) {
    const g = indexOf.get(label) as number;
    sizes[g] = (sizes[g] as number) + 1;
  }
  const strata = Array.from(sizes, (size) => new Float64Array(size));
  const filled = new Int32Array(labels.length);
  groups.forEach((label, i) => {
    const g = indexOf.get(label) as number;
    const at = filled[g] as number;
    (strata[g] as Float64Array)[at] = values[i] as number;
    filled[g] = at + 1;
  });

  const means = strata.map(meanOf);
  const replicates = stratifiedResampleMeans(strata, settings);
  const interval = (samples: ArrayLike<number>) => percentileInterval(samples, settings.confidence);

  // The overall mean of a stratified resample weighs each group's resampled mean by its fixed size.
  const overallReplicates = new Float64Array(settings.resamples);
  for (let b = 0; b < settings.resamples; b += 1) {
    let sum = 0;
    strata.forEach((stratum, g) => (sum += stratum.length * ((replicates[g] as Float64Array)[b] as number)));
    overallReplicates[b] = sum / n;
  }
  let total = 0;
  for (let i = 0; i < n; i += 1) total += values[i] as number;

  const compared = labels.map((_, g) => g).filter((g) => (sizes[g] as number) >= minGroupSize);
  let difference: GroupMetricFrame['difference'] = { value: 0, ci: [0, 0] };
  let ratio: GroupMetricFrame['ratio'] = { value: 1, ci: [1, 1] };
  let worstGroup: string | null = null;
  let bestGroup: string | null = null;
  if (compared.length >= 2) {
    const { min, max } = extremes((g) => means[g] as number, compared);
    // The first group in label order wins a tie.
    const worst = compared.find((g) => means[g] === min) as number;
    const best = compared.find((g) => means[g] === max) as number;
    const worstReplicates = replicates[worst] as Float64Array;
    const bestReplicates = replicates[best] as Float64Array;
    difference = {
      value: max - min,
      ci: interval(bestReplicates.map((b, i) => b - (worstReplicates[i] as number))),
    };
    ratio = {
      value: parityRatio(min, max),
      ci: interval(bestReplicates.map((b, i) => parityRatio(worstReplicates[i] as number, b))),
    };
    worstGroup = labels[worst] ?? null;
    bestGroup = labels[best] ?? null;
  }

  return {
    metric,
    overall: { group: OVERALL, n, mean: total / n, ci: interval(overallReplicates) },
    byGroup: labels.map((group, g) => ({
      group,
      n: sizes[g] as number,
      mean: means[g] as number,
      ci: interval(replicates[g] as Float64Array),
    })),
    difference,
    ratio,
    worstGroup,
    bestGroup,
  };
}
