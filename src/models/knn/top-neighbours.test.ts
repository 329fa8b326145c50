import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepBest, kthLargest } from './top-neighbours.js';

describe('keepBest', () => {
  it('keeps the k best by (similarity desc, item asc), in item order, like a full sort', () => {
    fc.assert(
      fc.property(
        // Few distinct values, so that ties are common.
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 90 }),
        (levels, k) => {
          const m = levels.length;
          const items = Int32Array.from({ length: m }, (_, c) => 3 * c + 1);
          const values = Float64Array.from(levels, (level) => level / 7);
          const out = { items: new Int32Array(m), values: new Float32Array(m), precise: new Float64Array(m) };
          const kept = keepBest(items, values, m, k, new Float64Array(m), out, 0);
          const expected = Array.from({ length: m }, (_, c) => c)
            .sort((x, y) => (values[y] as number) - (values[x] as number) || x - y)
            .slice(0, k)
            .sort((x, y) => x - y);
          expect(kept).toBe(expected.length);
          expect(Array.from(out.items.subarray(0, kept))).toEqual(expected.map((c) => items[c]));
          expect(Array.from(out.precise.subarray(0, kept))).toEqual(expected.map((c) => values[c]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds the k-th largest value, also for sorted and constant inputs', () => {
    for (const input of [
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => 500 - i),
      Array.from({ length: 500 }, () => 1),
      Array.from({ length: 500 }, (_, i) => (i * 7919) % 503),
    ]) {
      const sorted = [...input].sort((x, y) => y - x);
      for (const k of [1, 2, 250, 499, 500]) {
        expect(kthLargest(Float64Array.from(input), input.length, k)).toBe(sorted[k - 1]);
      }
    }
  });
});
