import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { multiplyAddNT } from './dense-product.js';
import { mulberry32 as seededRandom } from '../../random/seeded-random.js';
import { maxAbsDifference } from './test-fixtures.js';

describe('multiplyAddNT', () => {
  it('adds alpha A Bᵀ into C for any shape, offsets and strides (edges of the 4 x 2 tiles included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom(1, -1, 0.5),
        fc.integer(),
        (m, n, k, pad, alpha, seed) => {
          const random = seededRandom(seed);
          const fill = (length: number) => Float64Array.from({ length }, () => 2 * random() - 1);
          const lda = k + pad;
          const ldb = k + 2 * pad;
          const ldc = n + pad;
          const a = fill(3 + m * lda);
          const b = fill(1 + n * ldb);
          const c = fill(2 + m * ldc);
          const expected = c.slice();
          for (let i = 0; i < m; i += 1) {
            for (let j = 0; j < n; j += 1) {
              let s = 0;
              for (let p = 0; p < k; p += 1)
                s += (a[3 + i * lda + p] as number) * (b[1 + j * ldb + p] as number);
              expected[2 + i * ldc + j] = (expected[2 + i * ldc + j] as number) + alpha * s;
            }
          }
          multiplyAddNT(
            { data: c, offset: 2, stride: ldc },
            { data: a, offset: 3, stride: lda },
            { data: b, offset: 1, stride: ldb },
            m,
            n,
            k,
            alpha,
          );
          expect(maxAbsDifference(c, expected)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 150 },
    );
  });
});
