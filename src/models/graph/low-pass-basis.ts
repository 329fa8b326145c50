import { mulberry32 } from '../../random/seeded-random.js';
import type { FitContext } from '../recommender.js';
import { type NormalizedInteractions, applyItemGram, projectRow } from './normalized-interactions.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** The top right singular vectors of R̃ (eigenvectors of R̃ᵀR̃) and their eigenvalues. */
export interface LowPassBasis {
  /** Row-major nItems x k: item i's coordinates on the k vectors, largest eigenvalue first. */
  readonly basis: Float64Array;
  readonly k: number;
  /** Eigenvalues of R̃ᵀR̃ (squared singular values of R̃), descending; all lie in [0, 1]. */
  readonly values: Float64Array;
}

/** Seed of the start block: the same data always gives the same basis. */
const START_SEED = 0x9e3779b9;

/** Plain iterations before the shift is estimated from the block's Ritz values. */
const SHIFT_AFTER = 6;

/** Eigenvalues below this fraction of the largest are treated as 0: their directions are left out. */
const NULL_RATIO = 1e-10;

/** Vectors iterated beyond the k wanted: convergence goes as (λ_{block+1} / λ_k)^iterations. */
export const blockSize = (k: number, nItems: number): number =>
  Math.min(nItems, k + Math.max(16, Math.ceil(k / 2)));

/**
 * The k eigenvectors of R̃ᵀR̃ with the largest eigenvalues, by block subspace iteration on the sparse R̃
 * (Saad, Numerical Methods for Large Eigenvalue Problems, ch. 5): a seeded random block of
 * blockSize(k) vectors is multiplied by R̃ᵀR̃ (two sparse passes, never forming the n x n matrix) and
 * re-orthonormalized `iterations` times; a final Rayleigh-Ritz step (the exact eigenpairs of the block's
 * small projected matrix) picks the top k. After a few iterations the matrix is shifted (see shiftFor)
 * to speed convergence up. Each iteration costs 4 nnz b + 4 n b² flops for a block of b.
 * Directions with an eigenvalue of (numerically) 0 are returned as zero columns, so a rank below k
 * never brings in arbitrary null-space vectors.
 */
export async function lowPassBasis(
  r: NormalizedInteractions,
  k: number,
  iterations: number,
  context: FitContext = {},
): Promise<LowPassBasis> {
  const n = r.nItems;
  const kept = Math.min(k, n);
  const b = blockSize(kept, n);
  const random = mulberry32(START_SEED);
  let q = Float64Array.from({ length: b * n }, () => random() - 0.5);
  orthonormalize(q, b, n, random);
  let z = new Float64Array(b * n);
  let shift = 0;
  for (let step = 0; step < iterations; step += 1) {
    context.progress?.(step / (iterations + 1), 'basis');
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (context.signal?.aborted) throw context.signal.reason;
    if (step === SHIFT_AFTER) shift = shiftFor(r, q, b);
    applyItemGram(r, q, b, z);
    if (shift > 0)
      for (let at = 0; at < z.length; at += 1) z[at] = (z[at] as number) - shift * (q[at] as number);
    orthonormalize(z, b, n, random);
    [q, z] = [z, q];
  }
  const ritz = symmetricEigen(projectedGram(r, q, b), b);
  const basis = new Float64Array(n * kept);
  const largest = Math.max(ritz.values[0] as number, 0);
  for (let c = 0; c < kept; c += 1) {
    if (!((ritz.values[c] as number) > NULL_RATIO * largest)) continue;
    for (let v = 0; v < b; v += 1) {
      const weight = ritz.vectors[v * b + c] as number;
      const base = v * n;
      for (let i = 0; i < n; i += 1) {
        basis[i * kept + c] = (basis[i * kept + c] as number) + weight * (q[base + i] as number);
      }
    }
  }
  context.progress?.(1, 'basis');
  return { basis, k: kept, values: ritz.values.slice(0, kept).map((x) => Math.max(x, 0)) };
}

/**
 * Half the smallest Ritz value of the block: iterating with R̃ᵀR̃ - shift I then damps every unwanted
 * direction (eigenvalues in [0, λ_b], shifted into [-shift, λ_b - shift]) relative to the wanted ones
 * by (λ_b / 2) / (λ_k - λ_b / 2) instead of λ_(b+1) / λ_k per iteration: on ML-100K with k = 32, 0.75
 * instead of 0.86. Ritz values never exceed the eigenvalues they approximate, so the shift stays below
 * λ_b / 2 and never lets an unwanted direction win.
 */
function shiftFor(r: NormalizedInteractions, q: Float64Array, b: number): number {
  const { values } = symmetricEigen(projectedGram(r, q, b), b);
  return Math.max(0, (values[b - 1] as number) / 2);
}

/** T = (R̃Q)ᵀ(R̃Q), the b x b matrix of R̃ᵀR̃ in the orthonormal block Q. */
function projectedGram(r: NormalizedInteractions, q: Float64Array, b: number): Float64Array {
  const t = new Float64Array(b * b);
  const y = new Float64Array(b);
  for (let u = 0; u < r.nUsers; u += 1) {
    if ((r.rowStart[u + 1] as number) === (r.rowStart[u] as number)) continue;
    projectRow(r, u, q, b, y);
    for (let a = 0; a < b; a += 1) {
      const ya = y[a] as number;
      for (let c = 0; c <= a; c += 1) t[a * b + c] = (t[a * b + c] as number) + ya * (y[c] as number);
    }
  }
  for (let a = 0; a < b; a += 1) for (let c = 0; c < a; c += 1) t[c * b + a] = t[a * b + c] as number;
  return t;
}

/**
 * Modified Gram-Schmidt, twice per vector ("twice is enough": orthogonal to working precision), on b
 * vectors of length n stored one after another. A vector that vanishes against the earlier ones (the
 * matrix has lower rank than the block) is replaced by a fresh random one, so the block stays full.
 */
function orthonormalize(q: Float64Array, b: number, n: number, random: () => number): void {
  for (let v = 0; v < b; v += 1) {
    const x = q.subarray(v * n, (v + 1) * n);
    for (let attempt = 0; ; attempt += 1) {
      const before = Math.sqrt(dot(x, x));
      for (let pass = 0; pass < 2; pass += 1) {
        for (let w = 0; w < v; w += 1) {
          const y = q.subarray(w * n, (w + 1) * n);
          const d = dot(x, y);
          for (let i = 0; i < n; i += 1) x[i] = (x[i] as number) - d * (y[i] as number);
        }
      }
      const norm = Math.sqrt(dot(x, x));
      if (norm > 1e-8 * before && norm > 0) {
        for (let i = 0; i < n; i += 1) x[i] = (x[i] as number) / norm;
        break;
      }
      if (attempt > 8) throw new Error(`cannot orthonormalize a block of ${b} vectors of length ${n}`);
      for (let i = 0; i < n; i += 1) x[i] = random() - 0.5;
    }
  }
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i += 1) s += (x[i] as number) * (y[i] as number);
  return s;
}
