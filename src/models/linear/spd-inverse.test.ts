import { describe, expect, it } from 'vitest';
import { choleskyInPlace } from './cholesky.js';
import { inverseTransposeOfLower, spdInverseInPlace } from './spd-inverse.js';
import { maxAbsDifference, naiveInverse, randomSpd } from './test-fixtures.js';

describe('spdInverseInPlace', () => {
  it.each([1, 2, 3, 7, 64, 65, 129, 203])('inverts a random %i x %i SPD matrix like Gauss-Jordan', (n) => {
    const a = randomSpd(n, 100 + n);
    const inverse = a.slice();
    spdInverseInPlace(inverse, n);
    expect(maxAbsDifference(inverse, naiveInverse(a, n))).toBeLessThan(1e-9);
    // Symmetric bit for bit, and A A⁻¹ = I.
    for (let i = 0; i < n; i += 1)
      for (let j = 0; j < i; j += 1) expect(inverse[i * n + j]).toBe(inverse[j * n + i]);
    let worst = 0;
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        let s = 0;
        for (let k = 0; k < n; k += 1) s += (a[i * n + k] as number) * (inverse[k * n + j] as number);
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('computes V = L⁻ᵀ: upper triangular with Lᵀ V = I', () => {
    const n = 150;
    const l = randomSpd(n, 9);
    choleskyInPlace(l, n);
    const v = inverseTransposeOfLower(l, n);
    let worst = 0;
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        if (j < i) expect(v[i * n + j]).toBe(0);
        // (Lᵀ V)[i][j] = sum over k of L[k][i] V[k][j]
        let s = 0;
        for (let k = 0; k < n; k += 1) s += (l[k * n + i] as number) * (v[k * n + j] as number);
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThan(1e-10);
  });

  it('reports each phase up to 1, in order', () => {
    const n = 130;
    const seen: string[] = [];
    spdInverseInPlace(randomSpd(n, 2), n, (fraction, phase) => {
      if (fraction === 1) seen.push(phase);
    });
    expect(seen).toEqual(['cholesky', 'inverse', 'product']);
  });
});
