import type { ProfileMatrix } from './profile-matrix.js';

/** Per-item and global statistics of the genuine profiles, which attacks imitate and detectors compare with. */
export interface ItemStatistics {
  /** Distinct profiles per item. */
  readonly popularity: Float64Array;
  /** Ratings per item (0 for implicit data). */
  readonly ratingCount: Float64Array;
  /** Mean rating per item, NaN without ratings. */
  readonly mean: Float64Array;
  /** Standard deviation of an item's ratings; the global one for items with fewer than two. */
  readonly sd: Float64Array;
  readonly globalMean: number;
  readonly globalSd: number;
  /** Lowest and highest rating seen, and whether every rating was a whole number; null when implicit. */
  readonly scale: { min: number; max: number; integral: boolean } | null;
}

export function itemStatistics(profiles: ProfileMatrix): ItemStatistics {
  const { nItems, itemIndex, ratings } = profiles;
  const popularity = new Float64Array(nItems);
  const ratingCount = new Float64Array(nItems);
  const sum = new Float64Array(nItems);
  const squares = new Float64Array(nItems);
  let total = 0;
  let totalSquares = 0;
  let n = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integral = true;
  for (let e = 0; e < itemIndex.length; e += 1) {
    const i = itemIndex[e] as number;
    popularity[i] = (popularity[i] as number) + 1;
    const r = ratings ? (ratings[e] as number) : Number.NaN;
    if (Number.isNaN(r)) continue;
    ratingCount[i] = (ratingCount[i] as number) + 1;
    sum[i] = (sum[i] as number) + r;
    squares[i] = (squares[i] as number) + r * r;
    total += r;
    totalSquares += r * r;
    n += 1;
    min = Math.min(min, r);
    max = Math.max(max, r);
    if (!Number.isInteger(r)) integral = false;
  }
  const globalMean = n > 0 ? total / n : Number.NaN;
  const globalSd = n > 1 ? Math.sqrt(Math.max(0, totalSquares / n - globalMean * globalMean)) : Number.NaN;
  const mean = new Float64Array(nItems).fill(Number.NaN);
  const sd = new Float64Array(nItems).fill(globalSd);
  for (let i = 0; i < nItems; i += 1) {
    const c = ratingCount[i] as number;
    if (c === 0) continue;
    const m = (sum[i] as number) / c;
    mean[i] = m;
    if (c >= 2) sd[i] = Math.sqrt(Math.max(0, (squares[i] as number) / c - m * m));
  }
  return {
    popularity,
    ratingCount,
    mean,
    sd,
    globalMean,
    globalSd,
    scale: n > 0 ? { min, max, integral } : null,
  };
}
