import { BLOCK, choleskyInPlace, type OnProgress } from './cholesky.js';
import { multiplyAddNT } from './dense-product.js';

/**
 * The inverse of a symmetric positive definite n x n row-major matrix, in place, in n³ flops: Cholesky
 * A = L Lᵀ (n³/3), V = L⁻ᵀ (n³/3), then A⁻¹ = V Vᵀ (n³/3). Only the lower triangle of A is read; on
 * return `a` holds the full symmetric inverse. Needs one extra n x n Float64Array for V.
 */
export function spdInverseInPlace(
  a: Float64Array,
  n: number,
  onProgress?: (fraction: number, phase: 'cholesky' | 'inverse' | 'product') => void,
): void {
  choleskyInPlace(a, n, (f) => onProgress?.(f, 'cholesky'));
  const v = inverseTransposeOfLower(a, n, (f) => onProgress?.(f, 'inverse'));
  productWithTranspose(v, n, a, (f) => onProgress?.(f, 'product'));
}

/**
 * V = L⁻ᵀ for a lower triangular L (row-major, strict upper triangle zero): an upper triangular matrix,
 * returned in a new array whose strict lower triangle is zero. Row j of V solves V[j] Lᵀ = e_j, so
 * V[j][i] = -(sum over j <= k < i of V[j][k] L[i][k]) / L[i][i]: a dot product of two rows. Blocked by
 * BLOCK columns i: the part of each sum over earlier blocks is one register-tiled product per block of
 * rows j; the rest runs inside the block.
 */
export function inverseTransposeOfLower(l: Float64Array, n: number, onProgress?: OnProgress): Float64Array {
  const v = new Float64Array(n * n);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j0 = 0; j0 < i0; j0 += BLOCK) {
      // V[j0..j1, i0..i1) = V[j0..j1, j0..i0) L[i0..i1, j0..i0)ᵀ (V is zero left of its diagonal).
      multiplyAddNT(
        { data: v, offset: j0 * n + i0, stride: n },
        { data: v, offset: j0 * n + j0, stride: n },
        { data: l, offset: i0 * n + j0, stride: n },
        Math.min(BLOCK, i0 - j0),
        i1 - i0,
        i0 - j0,
        1,
      );
    }
    solveBlockColumns(l, v, n, i0, i1);
    onProgress?.((i1 / n) ** 3);
  }
  return v;
}

/**
 * Finishes columns i0..i1 of V for every row j < i1, given V[j][i] already holding the sum over k < i0:
 * adds the terms i0 <= k < i and divides by -L[i][i]. Rows above the block go four at a time.
 */
function solveBlockColumns(l: Float64Array, v: Float64Array, n: number, i0: number, i1: number): void {
  let j = 0;
  for (; j + 4 <= i0; j += 4) {
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let i = i0; i < i1; i += 1) {
      const ri = i * n;
      let s0 = v[r0 + i] as number;
      let s1 = v[r1 + i] as number;
      let s2 = v[r2 + i] as number;
      let s3 = v[r3 + i] as number;
      for (let k = i0; k < i; k += 1) {
        const lik = l[ri + k] as number;
        s0 += (v[r0 + k] as number) * lik;
        s1 += (v[r1 + k] as number) * lik;
        s2 += (v[r2 + k] as number) * lik;
        s3 += (v[r3 + k] as number) * lik;
      }
      const pivot = -(l[ri + i] as number);
      v[r0 + i] = s0 / pivot;
      v[r1 + i] = s1 / pivot;
      v[r2 + i] = s2 / pivot;
      v[r3 + i] = s3 / pivot;
    }
  }
  for (; j < i1; j += 1) {
    const rj = j * n;
    const from = Math.max(i0, j);
    for (let i = from; i < i1; i += 1) {
      const ri = i * n;
      if (i === j) {
        v[rj + i] = 1 / (l[ri + i] as number);
        continue;
      }
      let s = v[rj + i] as number;
      for (let k = from; k < i; k += 1) s += (v[rj + k] as number) * (l[ri + k] as number);
      v[rj + i] = -s / (l[ri + i] as number);
    }
  }
}

/**
 * out = V Vᵀ for an upper triangular V (row-major, strict lower triangle zero), full and symmetric:
 * out[i][j] = sum over k >= max(i, j) of V[i][k] V[j][k]. The lower triangle is computed block by block
 * (one register-tiled product each) and mirrored.
 */
export function productWithTranspose(
  v: Float64Array,
  n: number,
  out: Float64Array,
  onProgress?: OnProgress,
): void {
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK);
    for (let r = i0; r < i1; r += 1) out.fill(0, r * n, r * n + i1);
    for (let j0 = 0; j0 <= i0; j0 += BLOCK) {
      const j1 = Math.min(n, j0 + BLOCK);
      multiplyAddNT(
        { data: out, offset: i0 * n + j0, stride: n },
        { data: v, offset: i0 * n + i0, stride: n },
        { data: v, offset: j0 * n + i0, stride: n },
        i1 - i0,
        j1 - j0,
        n - i0,
        1,
      );
    }
    const x = i1 / n;
    onProgress?.(x * x * (3 - 2 * x));
  }
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) out[i * n + j] = out[j * n + i] as number;
  }
}
