import { type SparseRows, gramMatrix } from './gram-matrix.js';
import { spdInverseInPlace } from './spd-inverse.js';

/**
 * The largest catalog EASE fits. Its dense solve holds about 20 n² bytes at its peak (two n x n
 * Float64Arrays for the Gram matrix, its factor and inverse, then the Float32 B; the inverse itself is
 * kept as P) and costs n³ flops: 2.0 GB and about four minutes at 10,000 items on one core (ML-100K's
 * 1,682 items: 57 MB, about one second). A fitted model holds B and P, 12 n² bytes. Larger catalogs
 * belong to iALS, whose cost grows with the interactions, not with n³.
 */
export const EASE_MAX_ITEMS = 10_000;

/** Bytes the dense EASE solve holds at its peak for a catalog of n items. */
export const easePeakBytes = (nItems: number): number => 20 * nItems * nItems;

/** Throws a plain Error that says why and what to use instead when the catalog is too large for EASE. */
export function assertEaseFits(nItems: number): void {
  if (nItems <= EASE_MAX_ITEMS) return;
  const gigabytes = (easePeakBytes(nItems) / 1e9).toFixed(1);
  throw new Error(
    `EASE solves a dense ${nItems} x ${nItems} item-item system: it would need about ${gigabytes} GB of ` +
      `memory and ${nItems}³ flops, so it refuses catalogs above ${EASE_MAX_ITEMS} items. ` +
      "Use implicit ALS (algorithm 'ials') for a catalog this large.",
  );
}

export type EasePhase = 'gram' | 'cholesky' | 'inverse' | 'product' | 'weights';

/** Where each phase starts and ends on the 0..1 progress scale (by its share of the flops). */
const PHASE_SPAN: Record<EasePhase, [number, number]> = {
  gram: [0, 0.02],
  cholesky: [0.02, 0.34],
  inverse: [0.34, 0.66],
  product: [0.66, 0.98],
  weights: [0.98, 1],
};

export interface EaseWeights {
  /** Item-item weights, row-major n x n with a zero diagonal: score = x B for a binary history x. */
  b: Float32Array;
  /**
   * P = (XᵀX + lambda I)⁻¹, row-major n x n and symmetric; kept for exact unlearning by downdates, in
   * Float64 because each downdate adds to it and Float32 rounding would already move the scores by
   * about 1e-6.
   */
  p: Float64Array;
}

/**
 * EASE (Steck 2019): P = (XᵀX + lambda I)⁻¹ on the binary matrix X, B = I - P diagMat(1 / diag(P)), that
 * is B[i][j] = -P[i][j] / P[j][j] off the diagonal and 0 on it. Synchronous and CPU-bound: the model's
 * `fit` runs it in a worker thread.
 */
export function solveEase(
  rows: SparseRows,
  lambda: number,
  onProgress?: (fraction: number, phase: EasePhase) => void,
): EaseWeights {
  if (!(lambda > 0)) throw new Error(`EASE lambda must be positive, got ${lambda}`);
  const n = rows.nItems;
  assertEaseFits(n);
  const report = (phase: EasePhase, fraction: number) => {
    const [from, to] = PHASE_SPAN[phase];
    onProgress?.(from + (to - from) * fraction, phase);
  };
  report('gram', 0);
  const a = gramMatrix(rows, lambda);
  report('gram', 1);
  spdInverseInPlace(a, n, (fraction, phase) => report(phase, fraction));
  const b = new Float32Array(n * n);
  easeWeightsFromP(a, n, b);
  report('weights', 1);
  return { b, p: a };
}

/**
 * B[i][j] = -P[i][j] / P[j][j] off the diagonal, 0 on it: the one expression both the solve and the
 * unlearning downdate use, so that a downdated model rounds like a refit.
 */
export function easeWeightsFromP(p: Float64Array, n: number, b: Float32Array): void {
  for (let i = 0; i < n; i += 1) {
    const row = i * n;
    for (let j = 0; j < n; j += 1) b[row + j] = -(p[row + j] as number) / (p[j * n + j] as number);
    b[row + i] = 0;
  }
}
