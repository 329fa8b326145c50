import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTopK } from '../evaluate/top-k.js';
import { topColumns } from './top-columns.js';

describe('topColumns', () => {
  it('selects what a full sort would, ties to the lower column, NaN never', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -3, max: 3 }),
            fc.constantFrom(Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
            fc.float({ noNaN: true, min: -1e6, max: 1e6 }),
          ),
          { maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 90 }),
        (values, k) => {
          const scores = Float32Array.from(values);
          const work = new Int32Array(scores.length);
          const count = topColumns(scores, k, work);
          const expected = [...scores.keys()]
            .filter((c) => !Number.isNaN(scores[c]))
            .sort((a, b) => {
              const [sa, sb] = [scores[a] as number, scores[b] as number];
              return sa > sb ? -1 : sa < sb ? 1 : a - b;
            })
            .slice(0, k);
          expect([...work.subarray(0, count)]).toEqual(expected);
          // The same answer as the evaluation's insertion-buffer selection.
          const out = new Int32Array(Math.min(k, scores.length));
          const n = selectTopK(scores, out.length, [], out);
          expect([...out.subarray(0, n)]).toEqual(expected);
        },
      ),
    );
  });

  it('answers the same when called again with other sizes (its scratch buffers are reused)', () => {
    const big = Float32Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
    const small = Float32Array.from([2, 9, 9, 1]);
    const work = new Int32Array(500);
    expect(topColumns(big, 300, work)).toBe(300);
    const first = [...work.subarray(0, 300)];
    expect(topColumns(small, 3, work)).toBe(3);
    expect([...work.subarray(0, 3)]).toEqual([1, 2, 0]);
    expect(topColumns(big, 300, work)).toBe(300);
    expect([...work.subarray(0, 300)]).toEqual(first);
  });

  it('refuses to keep more columns than the packed keys can number', () => {
    const scores = new Float32Array(2 ** 21 + 1);
    expect(() => topColumns(scores, scores.length, new Int32Array(scores.length))).toThrow(
      'at most 2097152 columns',
    );
  });

  it('refuses a work buffer smaller than the scores', () => {
    expect(() => topColumns(new Float32Array(3), 1, new Int32Array(2))).toThrow('work has room for 2');
  });
});
