import { seededRandom, shuffleRange } from '../../random/seeded-random.js';

export interface TargetBand {
  /** Fewest and most viewers a target may have: attacks push items few people have seen. */
  minViewers: number;
  maxViewers: number;
}

/**
 * Draws `count` distinct target items whose viewer count lies in the band, with the seed, in ascending
 * order. Fewer when fewer items qualify.
 */
export function chooseTargets(
  popularity: Float64Array,
  count: number,
  band: TargetBand,
  seed: number,
): number[] {
  const eligible: number[] = [];
  popularity.forEach((viewers, item) => {
    if (viewers >= band.minViewers && viewers <= band.maxViewers) eligible.push(item);
  });
  const order = Int32Array.from(eligible);
  shuffleRange(order, 0, order.length, seededRandom(seed, 0x7a12));
  return [...order.slice(0, count)].sort((a, b) => a - b);
}

/**
 * Viewer counts between two quantiles of the items that have any viewers. The default band, median to
 * upper quartile, is the "unpopular but not obscure" items push attacks are aimed at (Lam & Riedl 2004).
 */
export function popularityBand(popularity: Float64Array, low = 0.5, high = 0.75): TargetBand {
  const seen = popularity.filter((viewers) => viewers > 0).sort();
  if (seen.length === 0) return { minViewers: 1, maxViewers: 0 };
  const at = (q: number) => seen[Math.min(seen.length - 1, Math.floor(q * (seen.length - 1)))] as number;
  return { minViewers: at(low), maxViewers: at(high) };
}
