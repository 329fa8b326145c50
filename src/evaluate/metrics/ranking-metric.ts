/** One user's test items: anything with `has` and `size` (a Set<number> will do). */
export interface Truth {
  readonly size: number;
  has(item: number): boolean;
}

/**
 * A top-k accuracy metric with binary relevance, measured one user at a time. `ranked` is the user's
 * list best first with seen items already removed; only its first k entries count, and a list shorter
 * than k is judged as if padded with misses. Undefined (NaN) for a user with no test item: callers skip
 * such users.
 */
export interface RankingMetric<Label extends string = string> {
  readonly label: Label;
  measure(ranked: ArrayLike<number>, truth: Truth, k: number): number;
}

/** A ranking metric whose `measure` checks k and returns NaN for an empty truth before calling `compute`. */
export function rankingMetric<Label extends string>(
  label: Label,
  compute: (ranked: ArrayLike<number>, truth: Truth, k: number) => number,
): RankingMetric<Label> {
  return {
    label,
    measure(ranked, truth, k) {
      if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k must be a positive integer, got ${k}`);
      if (truth.size === 0) return Number.NaN;
      return compute(ranked, truth, k);
    },
  };
}

/** Number of test items among the first k of the list. */
export function hitsAt(ranked: ArrayLike<number>, truth: Truth, k: number): number {
  const n = Math.min(k, ranked.length);
  let hits = 0;
  for (let r = 0; r < n; r += 1) if (truth.has(ranked[r] as number)) hits += 1;
  return hits;
}
