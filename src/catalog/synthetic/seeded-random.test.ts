import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeWeights, SeededRandom, searchCumulative, weightedTable } from './seeded-random.js';

const draws = (rng: SeededRandom, n: number, f: (r: SeededRandom) => number) =>
  Array.from({ length: n }, () => f(rng));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};

describe('SeededRandom', () => {
  it('repeats a sequence for the same seed and stream, and differs across seeds and streams', () => {
    const a = draws(new SeededRandom(42, 'items'), 20, (r) => r.uint32());
    expect(draws(new SeededRandom(42, 'items'), 20, (r) => r.uint32())).toEqual(a);
    expect(draws(new SeededRandom(43, 'items'), 20, (r) => r.uint32())).not.toEqual(a);
    expect(draws(new SeededRandom(42, 'viewers'), 20, (r) => r.uint32())).not.toEqual(a);
  });

  it('pins the first values of seed 1, so a change of algorithm cannot go unnoticed', () => {
    expect(draws(new SeededRandom(1), 3, (r) => r.uint32())).toEqual([738204963, 1505664716, 1983615795]);
    expect(draws(new SeededRandom(1, 'items'), 2, (r) => r.uint32())).toEqual([3172090207, 3272129013]);
  });

  it('rejects a non-integer seed', () => {
    expect(() => new SeededRandom(1.5)).toThrow(/integer/);
  });

  it('draws uniform values in [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = draws(new SeededRandom(7), 50_000, (r) => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    expect(variance(xs)).toBeCloseTo(1 / 12, 2);
  });

  it('draws integers in range, both ends included', () => {
    const xs = draws(new SeededRandom(3), 5000, (r) => r.intBetween(2, 5));
    expect(new Set(xs)).toEqual(new Set([2, 3, 4, 5]));
  });

  it('draws normals, lognormals and gammas with the right moments', () => {
    const rng = new SeededRandom(11);
    const normals = draws(rng, 40_000, (r) => r.normal(3, 2));
    expect(mean(normals)).toBeCloseTo(3, 1);
    expect(Math.sqrt(variance(normals))).toBeCloseTo(2, 1);
    const lognormals = draws(rng, 40_000, (r) => r.lognormal(0, 0.5));
    expect(mean(lognormals)).toBeCloseTo(Math.exp(0.125), 1);
    for (const shape of [0.3, 1, 4.5]) {
      const gammas = draws(rng, 40_000, (r) => r.gamma(shape));
      expect(Math.min(...gammas)).toBeGreaterThan(0);
      expect(mean(gammas) / shape).toBeCloseTo(1, 1);
      expect(variance(gammas) / shape).toBeCloseTo(1, 0);
    }
  });

  it('draws Dirichlet points on the simplex, sparse when the concentration is small', () => {
    const rng = new SeededRandom(5);
    let dominant = 0;
    for (let i = 0; i < 500; i++) {
      const w = rng.dirichlet(new Float64Array(12).fill(0.15));
      expect([...w].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      if (Math.max(...w) > 0.5) dominant += 1;
    }
    expect(dominant / 500).toBeGreaterThan(0.5);
  });

  it('shuffles into a permutation', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new SeededRandom(9).shuffle([...values]);
    expect(shuffled).not.toEqual(values);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(values);
    const typed = new SeededRandom(9).shuffle(Int32Array.from(values));
    expect([...typed]).toEqual(shuffled);
  });

  it('draws weighted choices in proportion, never one of weight zero', () => {
    const rng = new SeededRandom(13);
    const table = weightedTable([
      ['a', 1],
      ['zero', 0],
      ['b', 3],
    ] as const);
    const counts = { a: 0, zero: 0, b: 0 };
    for (let i = 0; i < 20_000; i++) counts[rng.weighted(table)] += 1;
    expect(counts.zero).toBe(0);
    expect(counts.b / counts.a).toBeCloseTo(3, 0);
  });
});

describe('searchCumulative', () => {
  it('finds the first entry whose running sum exceeds the target', () => {
    const cdf = cumulativeWeights([0, 2, 0, 0, 1, 0]);
    expect([...cdf]).toEqual([0, 2, 2, 2, 3, 3]);
    expect(searchCumulative(cdf, 0)).toBe(1);
    expect(searchCumulative(cdf, 1.999)).toBe(1);
    expect(searchCumulative(cdf, 2)).toBe(4);
    expect(searchCumulative(cdf, 2.999)).toBe(4);
  });

  it('returns an entry of positive weight whose interval holds the target, for any weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1000, noNaN: true })), {
          minLength: 1,
        }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (weights, u) => {
          fc.pre(weights.some((w) => w > 0));
          const cdf = cumulativeWeights(weights);
          const target = u * (cdf[cdf.length - 1] ?? 0);
          const i = searchCumulative(cdf, target);
          expect(weights[i]).toBeGreaterThan(0);
          expect(cdf[i]).toBeGreaterThan(target);
          expect(i === 0 || (cdf[i - 1] ?? 0) <= target).toBe(true);
        },
      ),
    );
  });

  it('rejects negative or non-finite weights, and drawing from all-zero weights', () => {
    expect(() => cumulativeWeights([1, -1])).toThrow(/weight 1/);
    expect(() => cumulativeWeights([Number.NaN])).toThrow(/weight 0/);
    expect(() => new SeededRandom(1).index(cumulativeWeights([0, 0]))).toThrow(/zero/);
  });
});
