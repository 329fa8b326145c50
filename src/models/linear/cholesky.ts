import { multiplyAddNT } from './dense-product.js';

/** Columns per panel of the blocked factorizations (a panel's 64 x 256-double chunks stay in L2 cache). */
export const BLOCK = 64;

/** Reports the fraction of a computation's floating-point work done so far (0 to 1). */
export type OnProgress = (fraction: number) => void;

/** Thrown when a matrix that should be symmetric positive definite is not (a pivot is not positive). */
export class NotPositiveDefiniteError extends Error {
  constructor(
    readonly row: number,
    readonly pivot: number,
  ) {
    super(`matrix is not positive definite: pivot ${pivot} at row ${row}`);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Cholesky factorization A = L Lᵀ of a symmetric positive definite n x n row-major matrix, in place:
 * on return the lower triangle (with the diagonal) holds L and the strict upper triangle is zero. Only
 * the lower triangle of A is read.
 *
 * Left-looking and blocked by panels of BLOCK columns: each panel first receives the update from every
 * column left of it in one register-tiled product (all but O(n² BLOCK) of the n³/3 flops), then is
 * factored with short dot products. The strict upper triangle is only ever scratch space.
 */
export function choleskyInPlace(a: Float64Array, n: number, onProgress?: OnProgress): void {
  if (a.length !== n * n) throw new Error(`expected an ${n} x ${n} matrix, got ${a.length} values`);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK);
    // A[j0.., j0..j1) -= L[j0.., 0..j0) L[j0..j1, 0..j0)ᵀ (this also writes the diagonal block's upper
    // triangle, which is zeroed below).
    if (j0 > 0) {
      multiplyAddNT(
        { data: a, offset: j0 * n + j0, stride: n },
        { data: a, offset: j0 * n, stride: n },
        { data: a, offset: j0 * n, stride: n },
        n - j0,
        j1 - j0,
        j0,
        -1,
      );
    }
    factorPanel(a, n, j0, j1);
    onProgress?.(cumulativeWork(j1 / n));
  }
  for (let i = 0; i < n; i += 1) a.fill(0, i * n + i + 1, (i + 1) * n);
}

/** Share of the left-looking factorization's work done once the first fraction x of columns is. */
function cumulativeWork(x: number): number {
  return x * x * (3 - 2 * x);
}

/**
 * Factors columns j0..j1 once the update from the columns left of them is applied: the diagonal block by
 * the textbook recurrence, then every row below it (four rows at a time, sharing the loads of the
 * diagonal block's rows).
 */
function factorPanel(a: Float64Array, n: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j += 1) {
    const rj = j * n;
    let d = a[rj + j] as number;
    for (let k = j0; k < j; k += 1) d -= (a[rj + k] as number) ** 2;
    if (!(d > 0)) throw new NotPositiveDefiniteError(j, d);
    const pivot = Math.sqrt(d);
    a[rj + j] = pivot;
    for (let i = j + 1; i < j1; i += 1) {
      const ri = i * n;
      let s = a[ri + j] as number;
      for (let k = j0; k < j; k += 1) s -= (a[ri + k] as number) * (a[rj + k] as number);
      a[ri + j] = s / pivot;
    }
  }
  let i = j1;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j = j0; j < j1; j += 1) {
      const rj = j * n;
      let s0 = a[r0 + j] as number;
      let s1 = a[r1 + j] as number;
      let s2 = a[r2 + j] as number;
      let s3 = a[r3 + j] as number;
      for (let k = j0; k < j; k += 1) {
        const l = a[rj + k] as number;
        s0 -= (a[r0 + k] as number) * l;
        s1 -= (a[r1 + k] as number) * l;
        s2 -= (a[r2 + k] as number) * l;
        s3 -= (a[r3 + k] as number) * l;
      }
      const pivot = a[rj + j] as number;
      a[r0 + j] = s0 / pivot;
      a[r1 + j] = s1 / pivot;
      a[r2 + j] = s2 / pivot;
      a[r3 + j] = s3 / pivot;
    }
  }
  for (; i < n; i += 1) {
    const ri = i * n;
    for (let j = j0; j < j1; j += 1) {
      const rj = j * n;
      let s = a[ri + j] as number;
      for (let k = j0; k < j; k += 1) s -= (a[ri + k] as number) * (a[rj + k] as number);
      a[ri + j] = s / (a[rj + j] as number);
    }
  }
}
