import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/seeded-random.js';
import {
  bootstrapMeanCi,
  bootstrapSettings,
  percentileInterval,
  quantileOfSorted,
  stratifiedResampleMeans,
} from './bootstrap.js';

/** n draws from an exponential distribution with mean 1 (skewed, so the test is not too easy). */
function exponentialSample(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n }, () => -Math.log(1 - random()));
}

describe('percentile bootstrap', () => {
  it('interpolates quantiles linearly between order statistics (type 7) and ignores NaN', () => {
    expect(quantileOfSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileOfSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileOfSorted([], 0.5)).toBeNaN();
    expect(percentileInterval([5, Number.NaN, 1, 3, 2, 4], 0.5)).toEqual([2, 4]);
  });

  it('covers the true mean about as often as it should (95% interval, 200 simulated samples)', () => {
    let covered = 0;
    for (let trial = 0; trial < 200; trial += 1) {
      const [lo, hi] = bootstrapMeanCi(exponentialSample(60, 1000 + trial), { resamples: 500, seed: trial });
      if (lo <= 1 && 1 <= hi) covered += 1;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it('is narrower with more data', () => {
    const width = ([lo, hi]: [number, number]) => hi - lo;
    const small = width(bootstrapMeanCi(exponentialSample(50, 1), { seed: 3 }));
    const large = width(bootstrapMeanCi(exponentialSample(2000, 2), { seed: 3 }));
    // The width shrinks as 1 / sqrt(n): about sqrt(40) ≈ 6 times here.
    expect(large).toBeLessThan(small / 3);
  });

  it('is reproducible per seed and brackets the sample mean', () => {
    const values = exponentialSample(100, 9);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const a = bootstrapMeanCi(values, { seed: 5 });
    expect(bootstrapMeanCi(values, { seed: 5 })).toEqual(a);
    expect(bootstrapMeanCi(values, { seed: 6 })).not.toEqual(a);
    expect(a[0]).toBeLessThan(mean);
    expect(a[1]).toBeGreaterThan(mean);
  });

  it('resamples each stratum within itself, keeping its values', () => {
    const [low, high] = stratifiedResampleMeans(
      [
        [0, 1],
        [10, 20, 30],
      ],
      { resamples: 300, seed: 1 },
    ) as [Float64Array, Float64Array];
    expect(low).toHaveLength(300);
    expect(Math.min(...low)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...low)).toBeLessThanOrEqual(1);
    expect(Math.min(...high)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...high)).toBeLessThanOrEqual(30);
    // A constant stratum has a degenerate interval.
    const [lo, hi] = bootstrapMeanCi([0.4, 0.4, 0.4]);
    expect(lo).toBeCloseTo(0.4, 12);
    expect(hi).toBeCloseTo(0.4, 12);
  });

  it('rejects settings out of range, quoting the value', () => {
    expect(() => bootstrapSettings({ resamples: 0 })).toThrow(/resamples.*0/);
    expect(() => bootstrapSettings({ confidence: 1 })).toThrow(/confidence.*1/);
    expect(() => bootstrapSettings({ seed: 1.5 })).toThrow(/seed.*1\.5/);
  });
});
