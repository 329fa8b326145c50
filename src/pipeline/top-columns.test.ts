import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectTopK } from '../evaluate/top-k.js';
import { topColumns } from './top-columns.js';

describe('topColumns', () => {
  it('selects what a full sort would, ties to the lower column, NaN never', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN)), { maxLength: 80 }),
        fc.integer({ min: 0, max: 90 }),
        (values, k) => {
          const scores = Float32Array.from(values);
          const work = new Int32Array(scores.length);
          const count = topColumns(scores, k, work);
          const expected = [...scores.keys()]
            .filter((c) => !Number.isNaN(scores[c]))
            .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
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

  it('refuses a work buffer smaller than the scores', () => {
    expect(() => topColumns(new Float32Array(3), 1, new Int32Array(2))).toThrow('work has room for 2');
  });
});
