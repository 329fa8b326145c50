import { mulberry32 as seededRandom } from '../../random/seeded-random.js';

/** A random n x n symmetric positive definite matrix MᵀM + ridge I, with M uniform in [-1, 1). */
export function randomSpd(n: number, seed: number, ridge = 1): Float64Array {
  const random = seededRandom(seed);
  const m = Float64Array.from({ length: n * n }, () => 2 * random() - 1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      let s = 0;
      for (let k = 0; k < n; k += 1) s += (m[k * n + i] as number) * (m[k * n + j] as number);
      a[i * n + j] = s + (i === j ? ridge : 0);
    }
  }
  return a;
}

/** Textbook Cholesky (lower L, row-major, zeros above the diagonal), the reference for the blocked one. */
export function naiveCholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j += 1) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k += 1) d -= (l[j * n + k] as number) ** 2;
    l[j * n + j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i += 1) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k += 1) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / (l[j * n + j] as number);
    }
  }
  return l;
}

/** Gauss-Jordan inverse with partial pivoting, the reference for the Cholesky-based one. */
export function naiveInverse(a: Float64Array, n: number): Float64Array {
  const w = a.slice();
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) inv[i * n + i] = 1;
  for (let c = 0; c < n; c += 1) {
    let pivotRow = c;
    for (let r = c + 1; r < n; r += 1) {
      if (Math.abs(w[r * n + c] as number) > Math.abs(w[pivotRow * n + c] as number)) pivotRow = r;
    }
    for (let k = 0; k < n; k += 1) {
      for (const m of [w, inv]) {
        const t = m[c * n + k] as number;
        m[c * n + k] = m[pivotRow * n + k] as number;
        m[pivotRow * n + k] = t;
      }
    }
    const pivot = w[c * n + c] as number;
    for (let k = 0; k < n; k += 1) {
      w[c * n + k] = (w[c * n + k] as number) / pivot;
      inv[c * n + k] = (inv[c * n + k] as number) / pivot;
    }
    for (let r = 0; r < n; r += 1) {
      const f = w[r * n + c] as number;
      if (r === c || f === 0) continue;
      for (let k = 0; k < n; k += 1) {
        w[r * n + k] = (w[r * n + k] as number) - f * (w[c * n + k] as number);
        inv[r * n + k] = (inv[r * n + k] as number) - f * (inv[c * n + k] as number);
      }
    }
  }
  return inv;
}

/** Largest absolute difference between two arrays of the same length. */
export function maxAbsDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`lengths differ: ${x.length} and ${y.length}`);
  let worst = 0;
  for (let i = 0; i < x.length; i += 1)
    worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  return worst;
}
