import { describe, expect, it } from 'vitest';
import { zcdpDelta, zcdpDeltaClassic, zcdpRhoFor } from './zcdp.js';

describe('zCDP to (ε, δ)', () => {
  it('is never looser than the classic conversion and grows with ρ', () => {
    for (const rho of [0.001, 0.01, 0.1, 0.5, 2]) {
      for (const epsilon of [0.1, 1, 3, 10]) {
        expect(zcdpDelta(rho, epsilon)).toBeLessThanOrEqual(zcdpDeltaClassic(rho, epsilon) * (1 + 1e-12));
        expect(zcdpDelta(rho * 1.1, epsilon)).toBeGreaterThanOrEqual(zcdpDelta(rho, epsilon));
      }
    }
    expect(zcdpDelta(0, 1)).toBe(0);
  });

  it('finds the largest ρ within (ε, δ)', () => {
    for (const [epsilon, delta] of [
      [1, 1e-6],
      [0.1, 1e-9],
      [5, 1e-5],
    ] as const) {
      const rho = zcdpRhoFor(epsilon, delta);
      expect(zcdpDelta(rho, epsilon)).toBeLessThanOrEqual(delta);
      expect(zcdpDelta(rho * 1.001, epsilon)).toBeGreaterThan(delta);
      // Tighter than the classic bound's ρ, which solves ε = ρ + 2√(ρ ln(1/δ)).
      const classic = (Math.sqrt(Math.log(1 / delta) + epsilon) - Math.sqrt(Math.log(1 / delta))) ** 2;
      expect(rho).toBeGreaterThan(classic);
    }
    expect(() => zcdpRhoFor(1, 0)).toThrow(/δ/);
  });
});
