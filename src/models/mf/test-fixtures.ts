/** Test support (not a test): seeded random factor matrices and interaction rows for the ALS kernels. */
import { mulberry32 as seededRandom } from '../../random/seeded-random.js';
import type { ConfidenceRows } from './ials-conjugate-gradient.js';

/** An n x f row-major matrix, uniform in [-scale, scale). */
export function randomFactors(n: number, f: number, seed: number, scale = 1): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * f }, () => (2 * random() - 1) * scale);
}

/** `nRows` rows each holding about `density` of `nColumns` columns, with confidences 1 + alpha * (1..3). */
export function randomRows(
  nRows: number,
  nColumns: number,
  density: number,
  alpha: number,
  seed: number,
): ConfidenceRows {
  const random = seededRandom(seed);
  const rowStart = new Int32Array(nRows + 1);
  const index: number[] = [];
  const confidence: number[] = [];
  for (let r = 0; r < nRows; r += 1) {
    for (let c = 0; c < nColumns; c += 1) {
      if (random() >= density) continue;
      index.push(c);
      confidence.push(1 + alpha * (1 + Math.floor(3 * random())));
    }
    rowStart[r + 1] = index.length;
  }
  return { rowStart, index: Int32Array.from(index), confidence: Float32Array.from(confidence) };
}

/** The exact row solve (YᵀY + λI + Σ (c − 1) y yᵀ)⁻¹ Σ c y with a textbook dense system, as reference. */
export function exactRowSolve(
  fixed: Float32Array,
  nFixed: number,
  f: number,
  rows: ConfidenceRows,
  row: number,
  lambda: number,
): Float64Array {
  const a = new Float64Array(f * f);
  const b = new Float64Array(f);
  for (let j = 0; j < nFixed; j += 1) {
    for (let p = 0; p < f; p += 1) {
      for (let q = 0; q < f; q += 1)
        a[p * f + q] = (a[p * f + q] as number) + (fixed[j * f + p] as number) * (fixed[j * f + q] as number);
    }
  }
  for (let e = rows.rowStart[row] as number; e < (rows.rowStart[row + 1] as number); e += 1) {
    const j = rows.index[e] as number;
    const c = rows.confidence[e] as number;
    for (let p = 0; p < f; p += 1) {
      b[p] = (b[p] as number) + c * (fixed[j * f + p] as number);
      for (let q = 0; q < f; q += 1)
        a[p * f + q] =
          (a[p * f + q] as number) + (c - 1) * (fixed[j * f + p] as number) * (fixed[j * f + q] as number);
    }
  }
  for (let d = 0; d < f; d += 1) a[d * f + d] = (a[d * f + d] as number) + lambda;
  // Gaussian elimination with partial pivoting: independent of the Cholesky code under test.
  for (let col = 0; col < f; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < f; r += 1)
      if (Math.abs(a[r * f + col] as number) > Math.abs(a[pivot * f + col] as number)) pivot = r;
    for (let q = 0; q < f; q += 1) {
      const t = a[col * f + q] as number;
      a[col * f + q] = a[pivot * f + q] as number;
      a[pivot * f + q] = t;
    }
    const tb = b[col] as number;
    b[col] = b[pivot] as number;
    b[pivot] = tb;
    for (let r = col + 1; r < f; r += 1) {
      const m = (a[r * f + col] as number) / (a[col * f + col] as number);
      for (let q = col; q < f; q += 1)
        a[r * f + q] = (a[r * f + q] as number) - m * (a[col * f + q] as number);
      b[r] = (b[r] as number) - m * (b[col] as number);
    }
  }
  const x = new Float64Array(f);
  for (let r = f - 1; r >= 0; r -= 1) {
    let s = b[r] as number;
    for (let q = r + 1; q < f; q += 1) s -= (a[r * f + q] as number) * (x[q] as number);
    x[r] = s / (a[r * f + r] as number);
  }
  return x;
}
