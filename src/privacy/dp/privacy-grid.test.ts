import { describe, expect, it } from 'vitest';
import { deltaUnits, epsilonUnits, fromGrid, toGrid } from './privacy-grid.js';

describe('privacy grid', () => {
  it('reads parameters as decimals and rounds them down onto the grid', () => {
    expect(epsilonUnits(0.3)).toBe(300_000n);
    expect(epsilonUnits(1)).toBe(1_000_000n);
    expect(epsilonUnits(0.1234567)).toBe(123_456n);
    expect(epsilonUnits(1e-7)).toBe(0n);
    expect(deltaUnits(1e-6)).toBe(1_000_000_000n);
    expect(deltaUnits(1.5e-16)).toBe(0n);
  });

  it('refuses what is not a privacy parameter', () => {
    expect(() => epsilonUnits(-1)).toThrow(/epsilon/);
    expect(() => epsilonUnits(Number.POSITIVE_INFINITY)).toThrow(/epsilon/);
    expect(() => deltaUnits(1.5)).toThrow(/delta/);
  });

  it('adds exactly and gives the same units back from a grid value', () => {
    let total = 0n;
    for (let i = 0; i < 10; i += 1) total += epsilonUnits(0.1);
    expect(fromGrid({ epsilonUnits: total, deltaUnits: 0n }).epsilon).toBe(1);
    for (const units of [1n, 3n, 289_999n, 290_000n, 123_456_789n, 999_999_999_999_999n]) {
      const cost = fromGrid({ epsilonUnits: units, deltaUnits: units });
      expect(toGrid(cost)).toEqual({ epsilonUnits: units, deltaUnits: units });
    }
  });
});
