import { describe, expect, it } from 'vitest';
import { matrixFromTriplets } from '../../models/interaction-matrix.js';
import { eventsFromMatrix, firstTimes, pairMatrix } from './interaction-events.js';
import { temporalSplit, temporalTestCount } from './temporal-split.js';
import { randomEvents, rowOf, valueSum } from './test-fixtures.js';

describe('temporalSplit', () => {
  const events = {
    nUsers: 3,
    nItems: 6,
    users: [0, 0, 0, 0, 0, 0, 1, 1, 2],
    items: [0, 1, 2, 3, 4, 0, 5, 1, 3],
    timestamps: [10, 50, 20, 40, 30, 100, 7, 7, 1],
  };

  it('puts the latest items in test', () => {
    const { train, test } = temporalSplit(events, { testCount: 2 });
    expect(rowOf(test, 0)).toEqual([1, 3]);
    expect(rowOf(train, 0)).toEqual([0, 2, 4]);
  });

  it('dates an item from its first event, so a re-watch stays in train with its events summed', () => {
    const { train } = temporalSplit(events, { testCount: 1 });
    expect(rowOf(train, 0)).toEqual([0, 2, 3, 4]);
    expect(train.values[0]).toBe(2);
  });

  it('orders equal times by item index and leaves a single-item user in train', () => {
    const { train, test } = temporalSplit(events, { testCount: 1 });
    expect(rowOf(test, 1)).toEqual([5]);
    expect(rowOf(train, 1)).toEqual([1]);
    expect(rowOf(train, 2)).toEqual([3]);
    expect(rowOf(test, 2)).toEqual([]);
  });

  it('takes a share of items with testRatio', () => {
    expect(temporalTestCount(5, { testRatio: 0.2 })).toBe(1);
    expect(temporalTestCount(5, { testRatio: 0.5 })).toBe(3);
    expect(temporalTestCount(5, { testRatio: 0.99 })).toBe(4);
    expect(temporalTestCount(5, { testCount: 9 })).toBe(4);
    expect(temporalTestCount(1, { testCount: 1 })).toBe(0);
    expect(rowOf(temporalSplit(events, { testRatio: 0.4 }).test, 0)).toEqual([1, 3]);
  });

  it('keeps every test item at least as late as every train item of the user, covering every event', () => {
    const big = randomEvents(40, 50, 2_000, 3);
    const { train, test } = temporalSplit(big, { testRatio: 0.25 });
    const pairs = pairMatrix(big);
    const times = firstTimes(big, pairs);
    const timeOf = (u: number, item: number) =>
      times[(pairs.rowStart[u] as number) + rowOf(pairs, u).indexOf(item)] as number;
    expect(valueSum(train) + valueSum(test)).toBe(big.users.length);
    for (let u = 0; u < big.nUsers; u += 1) {
      const latestTrain = Math.max(...rowOf(train, u).map((item) => timeOf(u, item)));
      for (const item of rowOf(test, u)) expect(timeOf(u, item)).toBeGreaterThanOrEqual(latestTrain);
    }
  });

  it('splits a matrix with one time per entry through eventsFromMatrix', () => {
    const matrix = matrixFromTriplets(1, 4, [0, 0, 0, 0], [0, 1, 2, 3]);
    const { test } = temporalSplit(eventsFromMatrix(matrix, [40, 30, 20, 10]), { testCount: 2 });
    expect(rowOf(test, 0)).toEqual([0, 1]);
  });

  it('rejects bad options and timestamps', () => {
    expect(() => temporalSplit(events, { testCount: 0 })).toThrow(/testCount/);
    expect(() => temporalSplit(events, { testRatio: 1 })).toThrow(/testRatio/);
    expect(() => temporalSplit({ ...events, timestamps: [1, 2] }, { testCount: 1 })).toThrow(/timestamps/);
    // @ts-expect-error: events without times cannot be split by time
    expect(() => temporalSplit({ nUsers: 1, nItems: 1, users: [0], items: [0] }, { testCount: 1 })).toThrow();
    // @ts-expect-error: a count and a share at once
    temporalSplit(events, { testCount: 1, testRatio: 0.5 });
  });
});
