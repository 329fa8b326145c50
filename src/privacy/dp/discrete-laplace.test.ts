import { describe, expect, it } from 'vitest';
import {
  discreteLaplaceHalfWidth,
  discreteLaplacePmf,
  discreteLaplaceTail,
  discreteLaplaceVariance,
  sampleDiscreteLaplace,
} from './discrete-laplace.js';
import { rational } from './rational.js';
import { chiSquare, chiSquareCritical, draw, moments } from './test-fixtures.js';

const N = 20_000;

describe('discrete Laplace helpers', () => {
  it('pmf sums to 1, and the tail formula matches summed probabilities', () => {
    for (const t of [0.3, 1, 2.5, 40]) {
      const pmf = (x: number) => discreteLaplacePmf(x, t);
      let total = 0;
      for (let x = -5000; x <= 5000; x += 1) total += pmf(x);
      expect(total).toBeCloseTo(1, 10);
      for (const k of [1, 2, 5, 17]) {
        let tail = 0;
        for (let x = k; x <= 5000; x += 1) tail += 2 * pmf(x);
        expect(discreteLaplaceTail(k, t)).toBeCloseTo(tail, 12);
      }
      expect(discreteLaplaceTail(0, t)).toBe(1);
      expect(discreteLaplaceVariance(t)).toBeCloseTo(moments(pmf, 5000).variance, 8);
    }
  });

  it('gives the smallest 95% half-width', () => {
    for (const t of [0.001, 0.5, 1, 2.5, 10, 1000]) {
      const k = discreteLaplaceHalfWidth(t);
      expect(discreteLaplaceTail(k + 1, t)).toBeLessThanOrEqual(0.05);
      if (k > 0) expect(discreteLaplaceTail(k, t)).toBeGreaterThan(0.05);
    }
    expect(discreteLaplaceHalfWidth(0.001)).toBe(0);
    // Close to the continuous Laplace's t·ln(20) for large t.
    expect(discreteLaplaceHalfWidth(1000)).toBeCloseTo(1000 * Math.log(20), -1);
  });
});

describe('sampleDiscreteLaplace', () => {
  // t = 1 has an integer scale; t = 5/2 exercises the division by the scale's denominator.
  const cases = [
    { t: 1, scale: rational(1) },
    { t: 2.5, scale: rational(5, 2) },
  ];

  for (const { t, scale } of cases) {
    describe(`with t = ${t}`, () => {
      const samples = draw(N, () => sampleDiscreteLaplace(scale));
      const pmf = (x: number) => discreteLaplacePmf(x, t);

      it('fits the exact pmf (χ² below its 0.001 critical value)', () => {
        const { statistic, degreesOfFreedom } = chiSquare(samples, pmf);
        expect(degreesOfFreedom).toBeGreaterThanOrEqual(4);
        expect(statistic).toBeLessThan(chiSquareCritical(degreesOfFreedom));
      });

      it('has mean 0 and the theoretical variance', () => {
        const { variance, varianceOfSquare } = moments(pmf, 2000);
        const mean = samples.reduce((a, x) => a + x, 0) / N;
        const meanSquare = samples.reduce((a, x) => a + x * x, 0) / N;
        expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / N));
        expect(Math.abs(meanSquare - variance)).toBeLessThan(5 * Math.sqrt(varianceOfSquare / N));
      });

      it('fails the χ² test against a scale 20% off either way', () => {
        for (const wrong of [t / 1.2, t * 1.2]) {
          const { statistic, degreesOfFreedom } = chiSquare(samples, (x) => discreteLaplacePmf(x, wrong));
          expect(statistic).toBeGreaterThan(2 * chiSquareCritical(degreesOfFreedom));
        }
      });
    });
  }

  it('refuses a non-positive scale', () => {
    expect(() => sampleDiscreteLaplace(rational(0))).toThrow(/positive/);
    expect(() => discreteLaplacePmf(0, -1)).toThrow(/positive/);
  });
});
