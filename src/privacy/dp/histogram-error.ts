/** Counts per key, as a Map, a plain object, or the `bins` of a DP histogram. */
export type Histogram =
  ReadonlyMap<string, number> | Readonly<Record<string, number>> | readonly { key: string; value: number }[];

export interface HistogramError {
  /** Σ |noisy - true| / Σ true: the share of the total mass the noise misplaces. */
  totalRelativeError: number;
  /** Mean of |noisy - true| / true over keys whose true count is positive. */
  meanRelativeError: number;
  /** Mean of |noisy - true| over every key. */
  meanAbsoluteError: number;
  /** Keys compared (the union of both histograms; a missing key counts as 0). */
  keys: number;
  /** Keys left out of the mean relative error because their true count is not positive. */
  zeroTrueKeys: number;
}

function entries(histogram: Histogram): Map<string, number> {
  if (histogram instanceof Map) return new Map(histogram);
  if (Array.isArray(histogram)) return new Map(histogram.map((bin) => [bin.key, bin.value]));
  return new Map(Object.entries(histogram));
}

/** How far a noisy histogram is from the true one, for benchmarks (it reads the true counts: not private). */
export function histogramRelativeError(trueCounts: Histogram, noisyCounts: Histogram): HistogramError {
  const truth = entries(trueCounts);
  const noisy = entries(noisyCounts);
  const keys = new Set([...truth.keys(), ...noisy.keys()]);
  let trueMass = 0;
  let absolute = 0;
  let relative = 0;
  let positive = 0;
  for (const key of keys) {
    const t = truth.get(key) ?? 0;
    const error = Math.abs((noisy.get(key) ?? 0) - t);
    trueMass += Math.abs(t);
    absolute += error;
    if (t > 0) {
      relative += error / t;
      positive += 1;
    }
  }
  return {
    totalRelativeError: trueMass > 0 ? absolute / trueMass : absolute > 0 ? Infinity : 0,
    meanRelativeError: positive > 0 ? relative / positive : 0,
    meanAbsoluteError: keys.size > 0 ? absolute / keys.size : 0,
    keys: keys.size,
    zeroTrueKeys: keys.size - positive,
  };
}
