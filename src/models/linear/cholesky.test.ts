import { describe, expect, it } from 'vitest';
import { NotPositiveDefiniteError, choleskyInPlace } from './cholesky.js';
import { maxAbsDifference, naiveCholesky, randomSpd } from './test-fixtures.js';

describe('choleskyInPlace', () => {
  it.each([1, 2, 3, 5, 17, 63, 64, 65, 130, 203])(
    'factors a random %i x %i SPD matrix like the textbook algorithm, zeros above the diagonal',
    (n) => {
      const a = randomSpd(n, n);
      const l = a.slice();
      choleskyInPlace(l, n);
      expect(maxAbsDifference(l, naiveCholesky(a, n))).toBeLessThan(1e-10);
      for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) expect(l[i * n + j]).toBe(0);
      // L Lᵀ gives A back.
      let worst = 0;
      for (let i = 0; i < n; i += 1) {
        for (let j = 0; j <= i; j += 1) {
          let s = 0;
          for (let k = 0; k <= j; k += 1) s += (l[i * n + k] as number) * (l[j * n + k] as number);
          worst = Math.max(worst, Math.abs(s - (a[i * n + j] as number)));
        }
      }
      expect(worst).toBeLessThan(1e-9);
    },
  );

  it('reads only the lower triangle', () => {
    const n = 70;
    const a = randomSpd(n, 3);
    const scribbled = a.slice();
    for (let i = 0; i < n; i += 1) for (let j = i + 1; j < n; j += 1) scribbled[i * n + j] = 1e6;
    choleskyInPlace(scribbled, n);
    expect(maxAbsDifference(scribbled, naiveCholesky(a, n))).toBeLessThan(1e-10);
  });

  it('reports progress up to 1 and refuses a matrix that is not positive definite, naming the row', () => {
    const n = 100;
    const fractions: number[] = [];
    choleskyInPlace(randomSpd(n, 4), n, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));

    const a = randomSpd(n, 5);
    a[80 * n + 80] = -1;
    expect(() => choleskyInPlace(a, n)).toThrow(NotPositiveDefiniteError);
    expect(() => choleskyInPlace(a.fill(0), n)).toThrow('pivot 0 at row 0');
    expect(() => choleskyInPlace(new Float64Array(5), 2)).toThrow('expected an 2 x 2 matrix');
  });
});
