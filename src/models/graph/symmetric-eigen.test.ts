import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/seeded-random.js';
import { symmetricEigen } from './symmetric-eigen.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      const x = 2 * random() - 1;
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

describe('symmetricEigen', () => {
  it.each([1, 2, 7, 40])('diagonalizes a random symmetric %i x %i matrix', (n) => {
    const a = randomSymmetric(n, n);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k += 1) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
    for (let k = 0; k < n; k += 1) {
      for (let l = 0; l < n; l += 1) {
        let dot = 0;
        for (let i = 0; i < n; i += 1) dot += (vectors[i * n + k] as number) * (vectors[i * n + l] as number);
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 10);
      }
      for (let i = 0; i < n; i += 1) {
        let av = 0;
        for (let j = 0; j < n; j += 1) av += (a[i * n + j] as number) * (vectors[j * n + k] as number);
        expect(av).toBeCloseTo((values[k] as number) * (vectors[i * n + k] as number), 10);
      }
    }
  });

  it('leaves its input alone and refuses a matrix of the wrong size', () => {
    const a = randomSymmetric(5, 1);
    const copy = a.slice();
    symmetricEigen(a, 5);
    expect(a).toEqual(copy);
    expect(() => symmetricEigen(a, 4)).toThrow('expected an 4 x 4 matrix, got 25 values');
  });

  it('keeps a diagonal matrix as it is, largest first', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(1, 0, 0, 0, 3, 0, 0, 0, 2), 3);
    expect(Array.from(values)).toEqual([3, 2, 1]);
    expect(Array.from(vectors)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });
});
