import { describe, expect, it } from 'vitest';
import {
  addGramRows,
  choleskyInPlace,
  choleskySolve,
  gramOf,
  mirrorUpper,
  triangleSplit,
} from './dense-linear-algebra.js';
import { randomFactors } from './test-fixtures.js';

describe('dense linear algebra', () => {
  it('computes FᵀF, and the same bits when the output rows are split', () => {
    const f = 7;
    const factors = randomFactors(30, f, 1);
    const gram = gramOf(factors, 30, f);
    for (let a = 0; a < f; a += 1) {
      for (let b = 0; b < f; b += 1) {
        let sum = 0;
        for (let r = 0; r < 30; r += 1)
          sum += (factors[r * f + a] as number) * (factors[r * f + b] as number);
        expect(gram[a * f + b]).toBeCloseTo(sum, 10);
      }
    }
    const split = new Float64Array(f * f);
    const bounds = triangleSplit(f, 3);
    for (let part = 0; part < 3; part += 1)
      addGramRows(factors, 30, f, split, bounds[part] as number, bounds[part + 1] as number);
    mirrorUpper(split, f);
    expect(split).toEqual(gram);
  });

  it('splits the triangle into ranges of similar work that cover every row once', () => {
    expect(triangleSplit(64, 1)).toEqual([0, 64]);
    const bounds = triangleSplit(64, 2);
    expect(bounds).toHaveLength(3);
    const middle = bounds[1] as number;
    const first = (64 * 65) / 2 - ((64 - middle) * (64 - middle + 1)) / 2;
    expect(Math.abs(first / ((64 * 65) / 2) - 0.5)).toBeLessThan(0.05);
    expect(triangleSplit(3, 5)).toEqual([0, 0, 1, 1, 2, 3]);
  });

  it('solves a symmetric positive definite system by Cholesky', () => {
    const f = 6;
    const a = gramOf(randomFactors(20, f, 2), 20, f);
    for (let d = 0; d < f; d += 1) a[d * f + d] = (a[d * f + d] as number) + 0.5;
    const original = a.slice();
    const b = Float64Array.from({ length: f }, (_, i) => i - 2);
    choleskyInPlace(a, f);
    const x = choleskySolve(a, f, b, new Float64Array(f));
    for (let i = 0; i < f; i += 1) {
      let sum = 0;
      for (let k = 0; k < f; k += 1) sum += (original[i * f + k] as number) * (x[k] as number);
      expect(sum).toBeCloseTo(b[i] as number, 10);
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(
      /not positive definite \(pivot 1/,
    );
  });
});
