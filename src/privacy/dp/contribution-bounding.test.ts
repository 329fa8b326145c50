import { describe, expect, it } from 'vitest';
import { boundCounts, boundSums, type HistogramRecord } from './contribution-bounding.js';
import { seededRandomSource } from './test-fixtures.js';

const domain = Array.from({ length: 60 }, (_, i) => `k${i}`);

describe('boundCounts', () => {
  it('keeps at most maxKeys keys of a subject, once each, and reports what it dropped', () => {
    const records: HistogramRecord[] = [
      ...domain.slice(0, 50).map((key) => ({ subject: 'heavy', key })),
      { subject: 'heavy', key: 'k0' },
      { subject: 'light', keys: ['k1', 'k1', 'k2'] },
      { subject: 'light', key: 'not-in-domain' },
    ];
    const { totals, sensitivity, report } = boundCounts(records, domain, 3, seededRandomSource(1));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(3 + 2);
    expect(Math.max(...totals)).toBeLessThanOrEqual(2);
    expect(sensitivity).toEqual({ l1: 3, l2Squared: 3 });
    expect(report).toEqual({
      records: 53,
      subjects: 2,
      outsideDomain: 1,
      droppedContributions: 47,
      clampedContributions: 0,
    });
  });

  it('chooses the kept keys uniformly, not the first ones seen', () => {
    const random = seededRandomSource(7);
    const kept = new Array<number>(50).fill(0);
    const runs = 2000;
    for (let run = 0; run < runs; run += 1) {
      const records = domain.slice(0, 50).map((key) => ({ subject: 's', key }));
      boundCounts(records, domain, 5, random).totals.forEach(
        (total, i) => (kept[i] = (kept[i] as number) + total),
      );
    }
    // Each key is kept with probability 5/50: 200 of 2000 runs, standard deviation about 13.
    for (const count of kept.slice(0, 50)) expect(Math.abs(count - 200)).toBeLessThan(70);
  });

  it('refuses a bad domain or maxKeys', () => {
    expect(() => boundCounts([], ['a', 'a'], 1)).toThrow(/twice/);
    expect(() => boundCounts([], [], 1)).toThrow(/at least one key/);
    expect(() => boundCounts([], ['a'], 0)).toThrow(/maxKeys/);
  });
});

describe('boundSums', () => {
  it('sums per subject and key first, then clamps and rounds', () => {
    const records = [
      // 6 + 7 = 13 is clamped to 10; clamping each record first would have let 13 through.
      { subject: 'a', key: 'x', value: 6 },
      { subject: 'a', key: 'x', value: 7 },
      { subject: 'b', key: 'x', value: -9 },
      { subject: 'c', key: 'x', value: 2.6 },
      { subject: 'c', key: 'y', value: 4 },
      { subject: 'd', key: 'z', value: 1 },
    ];
    const { totals, sensitivity, report } = boundSums(records, ['x', 'y'], 2, { lower: -2, upper: 10 });
    expect(totals).toEqual([10 - 2 + 3, 4]);
    expect(sensitivity).toEqual({ l1: 20, l2Squared: 200 });
    expect(report).toMatchObject({ records: 6, subjects: 4, outsideDomain: 1, clampedContributions: 2 });
  });

  it('keeps at most maxKeys keys per subject', () => {
    const records = domain.slice(0, 50).map((key) => ({ subject: 's', key, value: 100 }));
    const { totals, report } = boundSums(records, domain, 4, { lower: 0, upper: 5 }, seededRandomSource(3));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(4 * 5);
    expect(report.droppedContributions).toBe(46);
    expect(report.clampedContributions).toBe(4);
  });

  it('refuses bounds that are not ordered integers and non-finite values', () => {
    expect(() => boundSums([], ['x'], 1, { lower: 2, upper: 1 })).toThrow(/lower ≤ upper/);
    expect(() => boundSums([], ['x'], 1, { lower: 0, upper: 1.5 })).toThrow(/integers/);
    expect(() =>
      boundSums([{ subject: 's', key: 'x', value: Number.NaN }], ['x'], 1, { lower: 0, upper: 1 }),
    ).toThrow(/finite/);
  });
});
