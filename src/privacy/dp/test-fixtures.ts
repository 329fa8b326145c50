import { seededRandom } from '../../random/seeded-random.js';
import type { RandomSource } from './secure-random.js';

/**
 * Test-only helpers (excluded from the build). A seeded source replays a draw exactly; it must never
 * reach production, where predictable noise could be subtracted.
 */
export function seededRandomSource(seed: number): RandomSource {
  const next = seededRandom(seed);
  return {
    randomInt(maxExclusive) {
      const n = BigInt(maxExclusive);
      const bits = (n - 1n).toString(2).length;
      for (;;) {
        let value = 0n;
        for (let filled = 0; filled < bits; filled += 32)
          value = (value << 32n) | BigInt(Math.floor(next() * 2 ** 32));
        value &= (1n << BigInt(bits)) - 1n;
        if (value < n) return value;
      }
    },
  };
}

/** Draws `n` samples as numbers. */
export function draw(n: number, sample: () => bigint): number[] {
  return Array.from({ length: n }, () => Number(sample()));
}

export interface ChiSquare {
  statistic: number;
  degreesOfFreedom: number;
}

/**
 * Pearson's χ² of integer samples against a symmetric, unimodal pmf: one bin per x in [-m, m] and one for
 * each tail beyond, with m the largest value whose tails still expect `minExpected` samples (every inner
 * bin then expects more). No parameter is estimated, so the degrees of freedom are bins - 1.
 */
export function chiSquare(
  samples: readonly number[],
  pmf: (x: number) => number,
  minExpected = 20,
): ChiSquare {
  const n = samples.length;
  let m = 0;
  let inner = pmf(0);
  while ((n * (1 - inner - 2 * pmf(m + 1))) / 2 >= minExpected) {
    m += 1;
    inner += 2 * pmf(m);
  }
  const observed = new Map<number, number>();
  for (const x of samples) {
    const bin = Math.max(-m - 1, Math.min(m + 1, x));
    observed.set(bin, (observed.get(bin) ?? 0) + 1);
  }
  const tail = (1 - inner) / 2;
  let statistic = 0;
  for (let bin = -m - 1; bin <= m + 1; bin += 1) {
    const expected = n * (Math.abs(bin) === m + 1 ? tail : pmf(bin));
    statistic += ((observed.get(bin) ?? 0) - expected) ** 2 / expected;
  }
  return { statistic, degreesOfFreedom: 2 * m + 2 };
}

/**
 * The χ² value a correct sampler exceeds with probability 0.001 (Wilson-Hilferty approximation; within
 * 2% of the tables and slightly above them for few degrees of freedom, so a false failure stays rarer
 * than 1 in 1000).
 */
export function chiSquareCritical(degreesOfFreedom: number): number {
  const z = 3.090232; // the standard normal's 0.999 quantile
  const k = degreesOfFreedom;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

/** Mean and variance of a pmf over [-limit, limit], and the variance of X² (for tolerances). */
export function moments(
  pmf: (x: number) => number,
  limit: number,
): { variance: number; varianceOfSquare: number } {
  let second = 0;
  let fourth = 0;
  for (let x = -limit; x <= limit; x += 1) {
    second += x * x * pmf(x);
    fourth += x ** 4 * pmf(x);
  }
  return { variance: second, varianceOfSquare: fourth - second * second };
}
