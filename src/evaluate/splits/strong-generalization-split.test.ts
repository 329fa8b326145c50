import { describe, expect, it } from 'vitest';
import { historyMatrixOf } from './evaluation-split.js';
import { pairMatrix } from './interaction-events.js';
import { learningCount } from './split-counts.js';
import { strongGeneralizationSplit } from './strong-generalization-split.js';
import { randomEvents, rowOf, rowsOf, valueSum } from './test-fixtures.js';

describe('strongGeneralizationSplit', () => {
  const events = randomEvents(100, 60, 4_000, 11);
  const pairs = pairMatrix(events);
  const options = { heldOutRatio: 0.2, foldInRatio: 0.6, seed: 4 };

  it('holds out whole users: no train rows for them, all their items in fold-in or test', () => {
    const split = strongGeneralizationSplit(events, options);
    const heldOut = new Set(split.heldOutUsers);
    expect(valueSum(split.train) + valueSum(split.test) + valueSum(split.foldIn)).toBe(events.users.length);
    for (let u = 0; u < pairs.nUsers; u += 1) {
      const all = rowOf(pairs, u);
      if (heldOut.has(u)) {
        expect(rowOf(split.train, u)).toEqual([]);
        const foldIn = rowOf(split.foldIn, u);
        const test = rowOf(split.test, u);
        expect(foldIn).toHaveLength(learningCount(all.length, 0.6));
        expect(test.length).toBeGreaterThan(0);
        expect([...foldIn, ...test].sort((a, b) => a - b)).toEqual(all);
        expect(historyMatrixOf(split, u)).toBe(split.foldIn);
      } else {
        expect(rowOf(split.train, u)).toEqual(all);
        expect(rowOf(split.test, u)).toEqual([]);
        expect(rowOf(split.foldIn, u)).toEqual([]);
        expect(historyMatrixOf(split, u)).toBe(split.train);
      }
    }
  });

  it('holds out round(ratio * m) of the m users with two items or more, and no one else', () => {
    const eligible = Array.from({ length: pairs.nUsers }, (_, u) => u).filter(
      (u) => rowOf(pairs, u).length >= 2,
    );
    const split = strongGeneralizationSplit(events, options);
    expect(split.heldOutUsers.length).toBe(Math.round(0.2 * eligible.length));
    for (const u of split.heldOutUsers) expect(eligible).toContain(u);
    expect(Array.from(split.heldOutUsers)).toEqual([...split.heldOutUsers].sort((a, b) => a - b));
  });

  it('is deterministic per seed and draws other users with another seed', () => {
    const a = strongGeneralizationSplit(events, options);
    const b = strongGeneralizationSplit(events, options);
    expect(b.heldOutUsers).toEqual(a.heldOutUsers);
    expect(rowsOf(b.foldIn)).toEqual(rowsOf(a.foldIn));
    expect(strongGeneralizationSplit(events, { ...options, seed: 5 }).heldOutUsers).not.toEqual(
      a.heldOutUsers,
    );
  });

  it('holds out nobody when no user has two items, and rejects bad ratios', () => {
    const split = strongGeneralizationSplit({ nUsers: 2, nItems: 2, users: [0, 1], items: [0, 1] }, options);
    expect(split.heldOutUsers).toHaveLength(0);
    expect(() => strongGeneralizationSplit(events, { ...options, foldInRatio: 1.2 })).toThrow(/foldInRatio/);
    expect(() => strongGeneralizationSplit(events, { ...options, heldOutRatio: 0 })).toThrow(/heldOutRatio/);
  });
});
