import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jensenShannonDivergence, populationStabilityIndex, PSI_EMPTY_BIN_SHARE } from './divergence.js';

describe('population stability index', () => {
  it('matches a hand computation: shares 0.5/0.5 against 0.25/0.75', () => {
    // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5)
    const byHand = -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5);
    expect(populationStabilityIndex([50, 50], [25, 75])).toBeCloseTo(byHand, 12);
    expect(byHand).toBeCloseTo(0.274653, 6);
  });

  it('is 0 for the same shares at different volumes', () => {
    expect(populationStabilityIndex([10, 30, 60], [1, 3, 6])).toBeCloseTo(0, 12);
  });

  it('gives an empty bin the documented floor, and ignores a bin both sides leave empty', () => {
    const byHand =
      (0.5 - 1) * Math.log(0.5) + (0.5 - PSI_EMPTY_BIN_SHARE) * Math.log(0.5 / PSI_EMPTY_BIN_SHARE);
    expect(populationStabilityIndex([4, 0, 0], [2, 2, 0])).toBeCloseTo(byHand, 12);
    expect(Number.isFinite(populationStabilityIndex([1, 0], [0, 1]))).toBe(true);
  });

  it('refuses histograms that are not aligned or are empty', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(/not aligned/);
    expect(() => populationStabilityIndex([0, 0], [1, 2])).toThrow(/empty/);
    expect(() => populationStabilityIndex([1, -1], [1, 2])).toThrow(/not a count/);
  });
});

describe('Jensen-Shannon divergence (bits)', () => {
  it('matches a hand computation: [1, 0] against [0.5, 0.5]', () => {
    // m = [0.75, 0.25]; KL(p||m) = log2(4/3); KL(q||m) = 0.5 log2(2/3) + 0.5 log2(2)
    const byHand = (Math.log2(4 / 3) + 0.5 * Math.log2(2 / 3) + 0.5) / 2;
    expect(jensenShannonDivergence([1, 0], [1, 1])).toBeCloseTo(byHand, 12);
    expect(byHand).toBeCloseTo(0.311278, 6);
  });

  it('is 0 for equal distributions and 1 for disjoint ones', () => {
    expect(jensenShannonDivergence([2, 3, 5], [20, 30, 50])).toBeCloseTo(0, 12);
    expect(jensenShannonDivergence([1, 1, 0, 0], [0, 0, 3, 1])).toBeCloseTo(1, 12);
  });

  const histogramPair = fc
    .integer({ min: 1, max: 12 })
    .chain((bins) =>
      fc.tuple(
        fc.array(fc.nat({ max: 1000 }), { minLength: bins, maxLength: bins }),
        fc.array(fc.nat({ max: 1000 }), { minLength: bins, maxLength: bins }),
      ),
    )
    .filter(([p, q]) => p.some((v) => v > 0) && q.some((v) => v > 0));

  it('is symmetric and within [0, 1]; the PSI is never negative', () => {
    fc.assert(
      fc.property(histogramPair, ([p, q]) => {
        const pq = jensenShannonDivergence(p, q);
        expect(pq).toBeCloseTo(jensenShannonDivergence(q, p), 12);
        expect(pq).toBeGreaterThanOrEqual(0);
        expect(pq).toBeLessThanOrEqual(1);
        expect(populationStabilityIndex(p, q)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
