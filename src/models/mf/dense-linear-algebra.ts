/**
 * The small dense kernels ALS needs: Gram matrices of row-major factor matrices and Cholesky solves of
 * f x f symmetric positive definite systems (f <= 256). Plain loops over typed arrays, no allocation in
 * the hot paths.
 */

/**
 * Adds rows `from .. to` of the upper triangle of FᵀF into `gram` (f x f, row-major), where F is the
 * `nRows` x f row-major matrix `factors`: gram[a][b] += sum over r of F[r][a] F[r][b] for b >= a. Each
 * entry sums the rows in the same order whatever the split of output rows, so splitting the work over
 * threads gives the same bits as one thread. Call `mirrorUpper` once every output row is done.
 */
export function addGramRows(
  factors: Float32Array,
  nRows: number,
  f: number,
  gram: Float64Array,
  from: number,
  to: number,
): void {
  const row = new Float64Array(f);
  for (let r = 0; r < nRows; r += 1) {
    const offset = r * f;
    for (let b = 0; b < f; b += 1) row[b] = factors[offset + b] as number;
    for (let a = from; a < to; a += 1) {
      const ya = row[a] as number;
      if (ya === 0) continue;
      const base = a * f;
      for (let b = a; b < f; b += 1) gram[base + b] = (gram[base + b] as number) + ya * (row[b] as number);
    }
  }
}

/** Copies the upper triangle of a square row-major matrix onto its lower triangle. */
export function mirrorUpper(matrix: Float64Array, f: number): void {
  for (let a = 0; a < f; a += 1) {
    for (let b = a + 1; b < f; b += 1) matrix[b * f + a] = matrix[a * f + b] as number;
  }
}

/** FᵀF of a row-major nRows x f matrix, full and symmetric. */
export function gramOf(factors: Float32Array, nRows: number, f: number): Float64Array {
  const gram = new Float64Array(f * f);
  addGramRows(factors, nRows, f, gram, 0, f);
  mirrorUpper(gram, f);
  return gram;
}

/**
 * Splits output rows 0..f of a Gram computation into `parts` ranges of about equal work (row a costs
 * f - a); returns the `parts + 1` boundaries.
 */
export function triangleSplit(f: number, parts: number): number[] {
  const total = (f * (f + 1)) / 2;
  const bounds = [0];
  let done = 0;
  let a = 0;
  for (let part = 1; part < parts; part += 1) {
    while (a < f && done + (f - a) / 2 < (total * part) / parts) {
      done += f - a;
      a += 1;
    }
    bounds.push(a);
  }
  bounds.push(f);
  return bounds;
}

/**
 * Replaces the lower triangle of the symmetric positive definite n x n matrix `a` (row-major) with its
 * Cholesky factor L (a = L Lᵀ); the upper triangle is left as it was. Throws if `a` is not positive
 * definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j += 1) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j] as number;
    for (let k = 0; k < j; k += 1) diagonal -= (a[rowJ + k] as number) ** 2;
    if (!(diagonal > 0)) throw new Error(`matrix is not positive definite (pivot ${j} is ${diagonal})`);
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i += 1) {
      const rowI = i * n;
      let sum = a[rowI + j] as number;
      for (let k = 0; k < j; k += 1) sum -= (a[rowI + k] as number) * (a[rowJ + k] as number);
      a[rowI + j] = sum / ljj;
    }
  }
}

/** Solves L Lᵀ x = b for the factor from `choleskyInPlace`; writes x into `out` (may be `b`). */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out: Float64Array = b,
): Float64Array {
  for (let i = 0; i < n; i += 1) {
    const row = i * n;
    let sum = b[i] as number;
    for (let k = 0; k < i; k += 1) sum -= (l[row + k] as number) * (out[k] as number);
    out[i] = sum / (l[row + i] as number);
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = out[i] as number;
    for (let k = i + 1; k < n; k += 1) sum -= (l[k * n + i] as number) * (out[k] as number);
    out[i] = sum / (l[i * n + i] as number);
  }
  return out;
}

/**
 * out = sign · M v for the `rows` x `cols` row-major matrix M (factor matrices, f x f systems), four rows
 * at a time so each v[k] serves four independent sums.
 */
export function matrixVector(
  m: Float32Array | Float64Array,
  rows: number,
  cols: number,
  v: ArrayLike<number>,
  out: Float32Array | Float64Array,
  sign = 1,
): void {
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const r0 = i * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < cols; k += 1) {
      const vk = v[k] as number;
      s0 += (m[r0 + k] as number) * vk;
      s1 += (m[r1 + k] as number) * vk;
      s2 += (m[r2 + k] as number) * vk;
      s3 += (m[r3 + k] as number) * vk;
    }
    out[i] = sign * s0;
    out[i + 1] = sign * s1;
    out[i + 2] = sign * s2;
    out[i + 3] = sign * s3;
  }
  for (; i < rows; i += 1) {
    const row = i * cols;
    let s = 0;
    for (let k = 0; k < cols; k += 1) s += (m[row + k] as number) * (v[k] as number);
    out[i] = sign * s;
  }
}
