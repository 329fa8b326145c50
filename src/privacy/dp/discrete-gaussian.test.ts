import { describe, expect, it } from 'vitest';
import {
  discreteGaussianHalfWidth,
  discreteGaussianNormalizer,
  discreteGaussianPmf,
  sampleDiscreteGaussian,
} from './discrete-gaussian.js';
import { rational } from './rational.js';
import { chiSquare, chiSquareCritical, draw, moments } from './test-fixtures.js';

const N = 20_000;

function directNormalizer(sigma2: number): number {
  let total = 0;
  for (let x = -20_000; x <= 20_000; x += 1) total += Math.exp((-x * x) / (2 * sigma2));
  return total;
}

describe('discrete Gaussian helpers', () => {
  it('normalizes the pmf (Poisson summation agrees with the direct sum)', () => {
    for (const sigma2 of [0.04, 0.5, 1, 4, 7 / 3, 1000]) {
      expect(discreteGaussianNormalizer(sigma2) / directNormalizer(sigma2)).toBeCloseTo(1, 12);
    }
  });

  it('has a conservative 95% half-width: the exact tail beyond it is at most 5%', () => {
    for (const sigma2 of [0.25, 1, 4, 7 / 3, 100, 10_000]) {
      const k = discreteGaussianHalfWidth(sigma2);
      const z = discreteGaussianNormalizer(sigma2);
      let inside = 0;
      for (let x = -k; x <= k; x += 1) inside += discreteGaussianPmf(x, sigma2, z);
      expect(1 - inside).toBeLessThanOrEqual(0.05);
      // Not uselessly wide: within the subgaussian bound's 2.72σ (the exact continuous value is 1.96σ).
      expect(k).toBeLessThanOrEqual(Math.ceil(2.72 * Math.sqrt(sigma2)));
    }
  });
});

describe('sampleDiscreteGaussian', () => {
  // 7/3 exercises a σ² that is not an integer (its floor square root and rational γ).
  const cases = [
    { sigma2: 1, exact: rational(1) },
    { sigma2: 4, exact: rational(4) },
    { sigma2: 7 / 3, exact: rational(7, 3) },
  ];

  for (const { sigma2, exact } of cases) {
    describe(`with σ² = ${sigma2.toFixed(3)}`, () => {
      const samples = draw(N, () => sampleDiscreteGaussian(exact));
      const pmfOf = (s2: number) => {
        const z = discreteGaussianNormalizer(s2);
        return (x: number) => discreteGaussianPmf(x, s2, z);
      };

      it('fits the exact pmf (χ² below its 0.001 critical value)', () => {
        const { statistic, degreesOfFreedom } = chiSquare(samples, pmfOf(sigma2));
        expect(degreesOfFreedom).toBeGreaterThanOrEqual(4);
        expect(statistic).toBeLessThan(chiSquareCritical(degreesOfFreedom));
      });

      it('has mean 0 and the theoretical variance (at most σ²)', () => {
        const { variance, varianceOfSquare } = moments(pmfOf(sigma2), 200);
        expect(variance).toBeLessThanOrEqual(sigma2 * (1 + 1e-12));
        const mean = samples.reduce((a, x) => a + x, 0) / N;
        const meanSquare = samples.reduce((a, x) => a + x * x, 0) / N;
        expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / N));
        expect(Math.abs(meanSquare - variance)).toBeLessThan(5 * Math.sqrt(varianceOfSquare / N));
      });

      it('fails the χ² test against a σ² 30% off either way', () => {
        for (const wrong of [sigma2 / 1.3, sigma2 * 1.3]) {
          const { statistic, degreesOfFreedom } = chiSquare(samples, pmfOf(wrong));
          expect(statistic).toBeGreaterThan(2 * chiSquareCritical(degreesOfFreedom));
        }
      });
    });
  }

  it('refuses a non-positive σ²', () => {
    expect(() => sampleDiscreteGaussian(rational(0))).toThrow(/positive/);
  });
});
