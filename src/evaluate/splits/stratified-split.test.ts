import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../../models/interaction-matrix.js';
import { pairMatrix } from './interaction-events.js';
import { learningCount } from './split-counts.js';
import { stratifiedSplit } from './stratified-split.js';
import { randomEvents, rowOf, rowsOf, valueSum } from './test-fixtures.js';

describe('learningCount', () => {
  it('rounds ratio * n half up and keeps an item on each side from two items on', () => {
    expect(learningCount(0, 0.75)).toBe(0);
    expect(learningCount(1, 0.75)).toBe(1);
    expect(learningCount(2, 0.75)).toBe(1); // round(1.5) = 2, clamped to n - 1
    expect(learningCount(4, 0.75)).toBe(3);
    expect(learningCount(6, 0.75)).toBe(5); // round(4.5) = 5
    expect(learningCount(10, 0.01)).toBe(1);
    expect(learningCount(10, 0.99)).toBe(9);
    expect(learningCount(100, 0.75)).toBe(75);
  });
});

describe('stratifiedSplit', () => {
  const events = randomEvents(60, 80, 3_000);

  it('is deterministic per seed and changes with the seed', () => {
    const a = stratifiedSplit(events, { ratio: 0.75, seed: 42 });
    const b = stratifiedSplit(events, { ratio: 0.75, seed: 42 });
    const c = stratifiedSplit(events, { ratio: 0.75, seed: 43 });
    expect(rowsOf(b.train)).toEqual(rowsOf(a.train));
    expect(rowsOf(b.test)).toEqual(rowsOf(a.test));
    expect(rowsOf(c.test)).not.toEqual(rowsOf(a.test));
  });

  it('puts each distinct pair on exactly one side, every event covered, with learningCount in train', () => {
    const { train, test } = stratifiedSplit(events, { ratio: 0.75, seed: 7 });
    const pairs = pairMatrix(events);
    expect(valueSum(train) + valueSum(test)).toBe(events.users.length);
    for (let u = 0; u < pairs.nUsers; u += 1) {
      const all = rowOf(pairs, u);
      const trainRow = rowOf(train, u);
      const testRow = rowOf(test, u);
      expect(trainRow.filter((item) => testRow.includes(item))).toEqual([]);
      expect([...trainRow, ...testRow].sort((a, b) => a - b)).toEqual(all);
      expect(trainRow.length).toBe(learningCount(all.length, 0.75));
    }
  });

  it('keeps every event of a repeated pair on one side, values summed', () => {
    const split = stratifiedSplit(
      { nUsers: 1, nItems: 3, users: [0, 0, 0, 0], items: [2, 0, 2, 2], values: [1, 1, 1, 1] },
      { ratio: 0.5, seed: 1 },
    );
    const sides = [split.train, split.test];
    const withTwo = sides.find((m) => rowOf(m, 0).includes(2));
    expect(withTwo?.values[rowOf(withTwo, 0).indexOf(2)]).toBe(3);
    expect(sides.map((m) => rowOf(m, 0).length)).toEqual([1, 1]);
  });

  it('leaves a single-item user in train and splits a matrix source the same as its events', () => {
    const matrix = matrixFromTriplets(2, 4, [0, 1, 1, 1], [3, 0, 1, 2]);
    const split = stratifiedSplit(matrix, { ratio: 0.75, seed: 5 });
    expect(rowOf(split.train, 0)).toEqual([3]);
    expect(rowOf(split.test, 0)).toEqual([]);
    expect(rowOf(split.train, 1)).toHaveLength(2);
    const fromEvents = stratifiedSplit(
      { nUsers: 2, nItems: 4, users: [0, 1, 1, 1], items: [3, 0, 1, 2] },
      { ratio: 0.75, seed: 5 },
    );
    expect(rowsOf(fromEvents.test)).toEqual(rowsOf(split.test));
  });

  it("does not change one user's split when other users are added", () => {
    const one = stratifiedSplit(
      { nUsers: 2, nItems: 10, users: [1, 1, 1, 1, 1], items: [0, 2, 4, 6, 8] },
      {
        ratio: 0.6,
        seed: 3,
      },
    );
    const more = stratifiedSplit(
      { nUsers: 2, nItems: 10, users: [0, 0, 1, 1, 1, 1, 1], items: [1, 3, 0, 2, 4, 6, 8] },
      { ratio: 0.6, seed: 3 },
    );
    expect(rowOf(more.test, 1)).toEqual(rowOf(one.test, 1));
  });

  it('rejects ratios outside (0, 1)', () => {
    expect(() => stratifiedSplit(events, { ratio: 1, seed: 1 })).toThrow(/ratio/);
    expect(() => stratifiedSplit(events, { ratio: 0, seed: 1 })).toThrow(/ratio/);
    expect(() => stratifiedSplit(events, { ratio: 0.5, seed: 0.5 })).toThrow(/seed/);
  });

  it('covers every pair exactly once for any events, ratio and seed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(7)), { maxLength: 60 }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.integer(),
        (pairs, ratio, seed) => {
          const events = {
            nUsers: 6,
            nItems: 8,
            users: pairs.map((p) => p[0]),
            items: pairs.map((p) => p[1]),
          };
          const { train, test } = stratifiedSplit(events, { ratio, seed });
          const all = pairMatrix(events);
          expect(train.itemIndex.length + test.itemIndex.length).toBe(all.itemIndex.length);
          expect(valueSum(train) + valueSum(test)).toBe(pairs.length);
          for (let u = 0; u < 6; u += 1) {
            const n = rowOf(all, u).length;
            expect(rowOf(train, u).length).toBe(learningCount(n, ratio));
            expect([...rowOf(train, u), ...rowOf(test, u)].sort((a, b) => a - b)).toEqual(rowOf(all, u));
          }
        },
      ),
    );
  });
});
