import type { ItemHistory } from '../interaction-matrix.js';
import { easeWeightsFromP } from './ease-solve.js';

/**
 * Removes viewers from a fitted EASE model exactly. Dropping viewer u, whose binary row is x, takes
 * x xᵀ out of the Gram matrix G = XᵀX + lambda I, and Sherman–Morrison gives the new inverse from the
 * old one in O(n |S| + n²) instead of the n³ of a refit:
 *
 *   P' = (G - x xᵀ)⁻¹ = P + (P x)(P x)ᵀ / (1 - xᵀ P x)
 *
 * P x is the sum of P's rows over the viewer's items S (P is symmetric). The denominator is at least
 * lambda / (|S| + lambda) for a row that was in the training matrix, so the update is well conditioned.
 *
 * `p` is not changed: the result is written to new arrays (P' and then B from P', with the expression
 * the solve uses). Viewers are removed one after the other, in the order given.
 */
export function forgetEaseViewers(
  p: Float64Array,
  n: number,
  rows: readonly ItemHistory[],
  signal?: AbortSignal,
): { b: Float32Array; p: Float64Array } {
  const next = new Float64Array(n * n);
  const b = new Float32Array(n * n);
  const w = new Float64Array(n);
  // Empty histories remove nothing.
  const removed = rows.filter((row) => row.items.length > 0);
  if (removed.length === 0) {
    next.set(p);
    easeWeightsFromP(next, n, b);
    return { b, p: next };
  }
  let source = p;
  removed.forEach((row, r) => {
    signal?.throwIfAborted();
    scaledColumnSum(source, n, row.items, w);
    // The last downdate computes B in the same pass, saving a pass over n² values.
    if (r < removed.length - 1) addOuterProduct(source, next, n, w);
    else addOuterProductAndWeights(source, next, n, w, b);
    source = next;
  });
  return { b, p: next };
}

/**
 * w = P x / sqrt(1 - xᵀ P x) for the binary x with ones at `items`, so that the downdate is w wᵀ; and
 * w[i] w[j] is the same product as w[j] w[i], which keeps P' symmetric bit for bit. Throws when
 * 1 - xᵀ P x is not positive: the row was not part of this model's training.
 */
function scaledColumnSum(p: Float64Array, n: number, items: Int32Array, w: Float64Array): void {
  w.fill(0);
  for (const s of items) {
    const row = s * n;
    for (let i = 0; i < n; i += 1) w[i] = (w[i] as number) + (p[row + i] as number);
  }
  let quadratic = 0;
  for (const s of items) quadratic += w[s] as number;
  const denominator = 1 - quadratic;
  if (!(denominator > 0)) {
    throw new Error(
      `cannot remove a history of ${items.length} items from this EASE model: 1 - xᵀPx = ${denominator} ` +
        'is not positive, so it was not a row of the training matrix (or was removed already)',
    );
  }
  const scale = 1 / Math.sqrt(denominator);
  for (let i = 0; i < n; i += 1) w[i] = (w[i] as number) * scale;
}

/** out = p + w wᵀ, row by row (`out` may be `p`). */
function addOuterProduct(p: Float64Array, out: Float64Array, n: number, w: Float64Array): void {
  for (let i = 0; i < n; i += 1) {
    const wi = w[i] as number;
    const row = i * n;
    for (let j = 0; j < n; j += 1) out[row + j] = (p[row + j] as number) + wi * (w[j] as number);
  }
}

/**
 * out = p + w wᵀ and B from it, B[i][j] = -out[i][j] / out[j][j] (the expression of `easeWeightsFromP`),
 * in one pass: the new diagonal is computed first, by the same expression as the pass.
 */
function addOuterProductAndWeights(
  p: Float64Array,
  out: Float64Array,
  n: number,
  w: Float64Array,
  b: Float32Array,
): void {
  const diagonal = new Float64Array(n);
  for (let j = 0; j < n; j += 1) diagonal[j] = (p[j * n + j] as number) + (w[j] as number) * (w[j] as number);
  for (let i = 0; i < n; i += 1) {
    const wi = w[i] as number;
    const row = i * n;
    for (let j = 0; j < n; j += 1) {
      const value = (p[row + j] as number) + wi * (w[j] as number);
      out[row + j] = value;
      b[row + j] = -value / (diagonal[j] as number);
    }
    b[row + i] = 0;
  }
}
