/** Eigenpairs of a small symmetric matrix, largest eigenvalue first. */
export interface EigenPairs {
  /** Eigenvalues, descending. */
  readonly values: Float64Array;
  /** Row-major n x n: column k (entries `vectors[i * n + k]`) is the unit eigenvector of `values[k]`. */
  readonly vectors: Float64Array;
}

/** Sweeps after which the cyclic Jacobi method gives up (it converges quadratically, in about ten). */
const MAX_SWEEPS = 60;

/**
 * All eigenpairs of a symmetric n x n row-major matrix by the cyclic Jacobi method: plane rotations
 * zero the off-diagonal entries one by one, sweep after sweep, until they are negligible next to the
 * diagonal. About 10 n³ flops to accurate eigenvectors: meant for the small Rayleigh-Ritz matrices of a
 * subspace iteration (n up to a few hundred), not for a catalog. Deterministic; `a` is not modified.
 */
export function symmetricEigen(a: Float64Array, n: number): EigenPairs {
  if (a.length !== n * n) throw new Error(`expected an ${n} x ${n} matrix, got ${a.length} values`);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) v[i * n + i] = 1;
  let scale = 0;
  for (const x of m) scale += x * x;
  const tolerance = 1e-30 * scale;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += (m[p * n + q] as number) ** 2;
    if (off <= tolerance) break;
    for (let p = 0; p < n - 1; p += 1) {
      for (let q = p + 1; q < n; q += 1) rotate(m, v, n, p, q);
    }
  }
  return sortedDescending(m, v, n);
}

/** One Jacobi rotation in the (p, q) plane that zeroes m[p][q] (Golub and Van Loan, algorithm 8.4.2). */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = m[p * n + q] as number;
  if (apq === 0) return;
  const app = m[p * n + p] as number;
  const aqq = m[q * n + q] as number;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k += 1) {
    // Columns p and q, then rows p and q (the matrix stays symmetric).
    const mkp = m[k * n + p] as number;
    const mkq = m[k * n + q] as number;
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k += 1) {
    const mpk = m[p * n + k] as number;
    const mqk = m[q * n + k] as number;
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  m[p * n + q] = 0;
  m[q * n + p] = 0;
  for (let k = 0; k < n; k += 1) {
    const vkp = v[k * n + p] as number;
    const vkq = v[k * n + q] as number;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** The diagonal as eigenvalues, descending (ties by lower index), with the vectors' columns reordered. */
function sortedDescending(m: Float64Array, v: Float64Array, n: number): EigenPairs {
  const order = Array.from({ length: n }, (_, k) => k).sort(
    (x, y) => (m[y * n + y] as number) - (m[x * n + x] as number) || x - y,
  );
  const values = Float64Array.from(order, (k) => m[k * n + k] as number);
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let k = 0; k < n; k += 1) vectors[i * n + k] = v[i * n + (order[k] as number)] as number;
  }
  return { values, vectors };
}
