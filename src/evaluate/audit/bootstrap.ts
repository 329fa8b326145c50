import { mulberry32 } from '../../random/seeded-random.js';

/**
 * Percentile bootstrap confidence intervals, seeded so that an audit run twice gives the same numbers.
 *
 * A resample draws n values with replacement from n observed values; the statistic is recomputed on
 * each of B resamples, and the interval is the (1 - c) / 2 and (1 + c) / 2 quantiles of those B values
 * (linear interpolation between order statistics, R's type 7). With several strata (viewer groups) each
 * stratum is resampled within itself, so every resample keeps the group sizes: the interval reflects
 * the sampling noise of each group's mean, not chance changes in how many viewers a group has.
 */

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Coverage of the interval, strictly between 0 and 1 (default 0.95). */
  confidence?: number;
  /** Seed of the mulberry32 stream the resamples are drawn from (default 42). */
  seed?: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SEED = 42;

/** Options with defaults filled in; throws an Error quoting any value out of range. */
export function bootstrapSettings(options: BootstrapOptions = {}): Required<BootstrapOptions> {
  const { resamples = DEFAULT_RESAMPLES, confidence = DEFAULT_CONFIDENCE, seed = DEFAULT_SEED } = options;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new Error(`resamples must be a positive integer, got ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  return { resamples, confidence, seed };
}

/**
 * The mean of every resample of every stratum: result[s][b] is the mean of resample b of stratum s
 * (NaN for an empty stratum). Resample b of all strata is drawn before resample b + 1, so a statistic
 * that combines strata (a difference of group means) pairs them by b.
 */
export function stratifiedResampleMeans(
  strata: readonly ArrayLike<number>[],
  options: BootstrapOptions = {},
): Float64Array[] {
  const { resamples, seed } = bootstrapSettings(options);
  const random = mulberry32(seed);
  const means = strata.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b += 1) {
    strata.forEach((values, s) => {
      const n = values.length;
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += values[Math.floor(random() * n)] as number;
      (means[s] as Float64Array)[b] = sum / n;
    });
  }
  return means;
}

/** Linear-interpolation quantile (type 7) of ascending, NaN-free values at p in [0, 1]. */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const at = p * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  const low = sorted[lo] as number;
  return low + (at - lo) * ((sorted[hi] as number) - low);
}

/** The central `confidence` interval of bootstrap replicates; NaN replicates are ignored. */
export function percentileInterval(replicates: ArrayLike<number>, confidence: number): [number, number] {
  const finite = Float64Array.from(replicates).filter((value) => !Number.isNaN(value));
  finite.sort();
  const tail = (1 - confidence) / 2;
  return [quantileOfSorted(finite, tail), quantileOfSorted(finite, 1 - tail)];
}

/** Percentile bootstrap interval of the mean of `values`. */
export function bootstrapMeanCi(values: ArrayLike<number>, options: BootstrapOptions = {}): [number, number] {
  const settings = bootstrapSettings(options);
  const [means] = stratifiedResampleMeans([values], settings);
  return percentileInterval(means as Float64Array, settings.confidence);
}
