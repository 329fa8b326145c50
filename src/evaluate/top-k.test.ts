import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTopK, topK } from './top-k.js';
import { listAt, topKListsOf } from './top-k-lists.js';

/** The reference: sort every eligible item by score descending, then index ascending. */
function sortedTopK(scores: Float32Array, k: number, exclude: number[]): number[] {
  const skip = new Set(exclude);
  return Array.from(scores.keys())
    .filter((i) => !skip.has(i) && !Number.isNaN(scores[i]))
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
    .slice(0, k);
}

describe('topK', () => {
  it('picks the highest scores, best first, without the excluded items', () => {
    const scores = Float32Array.of(0.1, 0.9, 0.5, 0.7, 0.3);
    expect(Array.from(topK(scores, 3))).toEqual([1, 3, 2]);
    expect(Array.from(topK(scores, 3, [1, 2]))).toEqual([3, 4, 0]);
  });

  it('breaks ties by the lower item index', () => {
    const scores = Float32Array.of(1, 2, 2, 1, 2, 1);
    expect(Array.from(topK(scores, 4))).toEqual([1, 2, 4, 0]);
    expect(Array.from(topK(new Float32Array(6), 3, [0]))).toEqual([1, 2, 3]);
  });

  it('returns fewer than k when fewer items are eligible, and skips NaN', () => {
    const scores = Float32Array.of(Number.NaN, -Infinity, 3, 1);
    expect(Array.from(topK(scores, 10, [3]))).toEqual([2, 1]);
    expect(Array.from(topK(scores, 0))).toEqual([]);
  });

  it('writes into a slot of a shared buffer and rejects unsorted exclusions', () => {
    const out = new Int32Array(6).fill(-1);
    expect(selectTopK(Float32Array.of(1, 3, 2), 3, [], out, 3)).toBe(3);
    expect(Array.from(out)).toEqual([-1, -1, -1, 1, 2, 0]);
    expect(() => selectTopK(Float32Array.of(1, 2, 3), 2, [2, 1], new Int32Array(2))).toThrow(/ascending/);
    expect(() => selectTopK(Float32Array.of(1, 2, 3), 3, [], new Int32Array(2))).toThrow(/room/);
  });

  it('agrees with a full sort on any scores (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 0, max: 20 }),
        fc.uniqueArray(fc.nat(59)),
        (values, k, exclude) => {
          const scores = Float32Array.from(values);
          const sortedExclude = [...exclude].sort((a, b) => a - b);
          expect(Array.from(topK(scores, k, sortedExclude))).toEqual(sortedTopK(scores, k, sortedExclude));
        },
      ),
    );
  });
});

describe('topKListsOf', () => {
  it('cuts lists to k and pads with -1', () => {
    const lists = topKListsOf(5, 2, [[4, 3, 2], [1]], [7, 9]);
    expect(Array.from(lists.items)).toEqual([4, 3, 1, -1]);
    expect(Array.from(listAt(lists, 1))).toEqual([1]);
    expect(Array.from(lists.users)).toEqual([7, 9]);
    expect(() => topKListsOf(5, 2, [[5]])).toThrow(/outside/);
  });
});
