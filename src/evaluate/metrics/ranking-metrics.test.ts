import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision.js';
import { hitRate } from './hit-rate.js';
import { RANKING_METRICS } from './metric-sets.js';
import { ndcg } from './ndcg.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { reciprocalRank } from './reciprocal-rank.js';

const log2 = Math.log2;

/** Each metric's value on one list, by label. */
function measureAll(list: number[], truth: number[], k: number): Record<string, number> {
  const set = new Set(truth);
  return Object.fromEntries(RANKING_METRICS.map((m) => [m.label, m.measure(list, set, k)]));
}

describe('ranking metrics by hand', () => {
  it('list [a, b, c], truth {b, d}, k = 3', () => {
    const values = measureAll([0, 1, 2], [1, 3], 3);
    expect(values.precision).toBeCloseTo(1 / 3, 12);
    expect(values.recall).toBeCloseTo(1 / 2, 12);
    expect(values.ndcg).toBeCloseTo(1 / log2(3) / (1 + 1 / log2(3)), 12);
    expect(values.map).toBeCloseTo(1 / 2 / 2, 12);
    expect(values.mrr).toBeCloseTo(1 / 2, 12);
    expect(values.hitRate).toBe(1);
  });

  it('hits at ranks 1 and 3 of five, three test items', () => {
    const values = measureAll([3, 0, 1, 5, 2], [3, 1, 7], 5);
    expect(values.precision).toBeCloseTo(2 / 5, 12);
    expect(values.recall).toBeCloseTo(2 / 3, 12);
    expect(values.ndcg).toBeCloseTo((1 + 1 / 2) / (1 + 1 / log2(3) + 1 / 2), 12);
    expect(values.map).toBeCloseTo((1 + 2 / 3) / 3, 12);
    expect(values.mrr).toBe(1);
    expect(values.hitRate).toBe(1);
  });

  it('normalizes MAP and nDCG by k when the user has more test items than k', () => {
    const values = measureAll([5, 1, 6], [1, 2, 3, 4, 5], 2);
    expect(values.ndcg).toBeCloseTo((1 + 1 / log2(3)) / (1 + 1 / log2(3)), 12);
    expect(values.map).toBeCloseTo((1 + 2 / 2) / 2, 12);
    expect(values.precision).toBe(1);
    expect(values.recall).toBeCloseTo(2 / 5, 12);
  });

  it('a list shorter than k counts its missing slots as misses', () => {
    const values = measureAll([4], [4, 9], 5);
    expect(values.precision).toBeCloseTo(1 / 5, 12);
    expect(values.recall).toBeCloseTo(1 / 2, 12);
    expect(values.ndcg).toBeCloseTo(1 / (1 + 1 / log2(3)), 12);
    expect(values.map).toBeCloseTo(1 / 2, 12);
    expect(values.mrr).toBe(1);
    expect(values.hitRate).toBe(1);
  });

  it('only the first k items count', () => {
    expect(measureAll([0, 1, 2], [2], 2)).toEqual({
      precision: 0,
      recall: 0,
      ndcg: 0,
      map: 0,
      mrr: 0,
      hitRate: 0,
    });
  });

  it('no hits gives zeros, an empty list too', () => {
    const zeros = { precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0, hitRate: 0 };
    expect(measureAll([0, 1, 2], [7, 8], 3)).toEqual(zeros);
    expect(measureAll([], [7], 3)).toEqual(zeros);
  });

  it('is NaN for a user with no test item (callers skip them) and rejects a bad k', () => {
    for (const value of Object.values(measureAll([0, 1], [], 2))) expect(value).toBeNaN();
    expect(() => precision.measure([0], new Set([0]), 0)).toThrow(/k/);
    expect(() => ndcg.measure([0], new Set([0]), 1.5)).toThrow(/k/);
  });

  it('exports each metric under the label the report uses', () => {
    expect([precision, recall, ndcg, averagePrecision, reciprocalRank, hitRate].map((m) => m.label)).toEqual([
      'precision',
      'recall',
      'ndcg',
      'map',
      'mrr',
      'hitRate',
    ]);
  });
});

describe('ranking metric properties', () => {
  const distinct = (max: number, maxLength: number) =>
    fc.uniqueArray(fc.integer({ min: 0, max }), { maxLength, minLength: 0 });
  const input = fc.record({
    list: distinct(40, 25),
    truth: distinct(40, 15).filter((t) => t.length > 0),
    k: fc.integer({ min: 1, max: 30 }),
  });

  it('keeps every metric in [0, 1] and ties precision to recall', () => {
    fc.assert(
      fc.property(input, ({ list, truth, k }) => {
        const values = measureAll(list, truth, k);
        for (const value of Object.values(values)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(values.precision! * k).toBeCloseTo(values.recall! * truth.length, 9);
        expect(values.hitRate).toBeGreaterThanOrEqual(values.mrr!);
        expect(values.mrr! > 0).toBe(values.hitRate === 1);
      }),
    );
  });

  it('recall and hit rate never fall as k grows', () => {
    fc.assert(
      fc.property(input, ({ list, truth, k }) => {
        const set = new Set(truth);
        expect(recall.measure(list, set, k + 1)).toBeGreaterThanOrEqual(recall.measure(list, set, k));
        expect(hitRate.measure(list, set, k + 1)).toBeGreaterThanOrEqual(hitRate.measure(list, set, k));
      }),
    );
  });

  it('gives nDCG and MAP of 1 to a list that starts with all its test items (up to k)', () => {
    fc.assert(
      fc.property(input, ({ truth, k }) => {
        const list = [...truth, 1000, 1001];
        const set = new Set(truth);
        expect(ndcg.measure(list, set, k)).toBeCloseTo(1, 12);
        expect(averagePrecision.measure(list, set, k)).toBeCloseTo(1, 12);
      }),
    );
  });
});
