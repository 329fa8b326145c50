import { describe, expect, it } from 'vitest';
import { ServedExposure } from './served-exposure.js';

describe('ServedExposure', () => {
  it('counts lists and the columns in them, an older list weighing half after the half-life', () => {
    const tally = new ServedExposure(4, 2);
    tally.record([0, 1]);
    tally.record([1]);
    tally.record([1, 2]);
    // Weights grow by 2^(1/2) per list: relative to the newest list, the first counts 1/2.
    const newest = tally.shown[2] as number;
    expect((tally.shown[0] as number) / newest).toBeCloseTo(0.5, 12);
    expect((tally.shown[1] as number) / newest).toBeCloseTo(0.5 + 2 ** -0.5 + 1, 12);
    expect(tally.lists / newest).toBeCloseTo(0.5 + 2 ** -0.5 + 1, 12);
    expect(tally.shown[3]).toBe(0);
  });

  it('keeps the ratios when it rescales its weights', () => {
    const tally = new ServedExposure(2, 1);
    for (let list = 0; list < 400; list += 1) tally.record(list % 4 === 0 ? [0] : [1]);
    expect(Number.isFinite(tally.lists)).toBe(true);
    expect(tally.lists).toBeLessThan(1e100);
    // Half-life of one list: the newest list dominates; column 1 was in it.
    expect((tally.shown[1] as number) / tally.lists).toBeGreaterThan(0.5);
    expect(((tally.shown[0] as number) + (tally.shown[1] as number)) / tally.lists).toBeCloseTo(1, 9);
  });

  it('refuses columns outside the catalog and bad settings', () => {
    const tally = new ServedExposure(3);
    expect(() => tally.record([3])).toThrow(/column 3 is not a column of the catalog \(3\)/);
    expect(tally.lists).toBe(0);
    expect(() => new ServedExposure(3, 0)).toThrow(/halfLifeLists/);
    expect(() => new ServedExposure(-1)).toThrow(/columns/);
  });
});
