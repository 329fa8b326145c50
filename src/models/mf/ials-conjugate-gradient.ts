/**
 * One side of an implicit-ALS sweep, solved row by row with a few conjugate-gradient steps (Takács,
 * Pilászy and Tikk 2011; the `use_cg` path of the `implicit` library). Row u of the solved side X wants
 *
 *   (YᵀY + λI + Σ_j (c_uj − 1) y_j y_jᵀ) x_u = Σ_j c_uj y_j       (j over the row's interactions, p = 1)
 *
 * and CG only needs products with that matrix: YᵀY p (one dense f x f product with the shared Gram
 * matrix) plus one pass over the row's interactions (a dot and an axpy each). No per-row f x f matrix
 * is ever formed, so a row costs O(steps (f² + f n_u)); it starts from the row's previous factors.
 */

import { matrixVector } from './dense-linear-algebra.js';

/** Interactions grouped by row (CSR): row r's columns are `index[rowStart[r] .. rowStart[r + 1])`. */
export interface ConfidenceRows {
  readonly rowStart: Int32Array;
  readonly index: Int32Array;
  /** The confidence c >= 1 of each interaction; every stored interaction is a preference (p = 1). */
  readonly confidence: Float32Array;
}

export interface CgProblem {
  /** Factors of the side being solved (row-major, f per row), updated in place. */
  readonly target: Float32Array;
  /** Factors of the fixed side (row-major, f per row). */
  readonly fixed: Float32Array;
  /** YᵀY of the fixed side, full f x f, without regularization. */
  readonly gram: Float64Array;
  readonly rows: ConfidenceRows;
  readonly factors: number;
  readonly regularization: number;
  readonly cgSteps: number;
}

/** Solves rows `from .. to` of the target side in place. */
export function solveRowsCg(problem: CgProblem, from: number, to: number): void {
  const { target, fixed, rows, factors: f, cgSteps } = problem;
  const { rowStart, index, confidence } = rows;
  const a = problem.gram.slice();
  for (let d = 0; d < f; d += 1) a[d * f + d] = (a[d * f + d] as number) + problem.regularization;
  const x = new Float64Array(f);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const dots = new Float64Array(4);

  for (let row = from; row < to; row += 1) {
    const offset = row * f;
    const start = rowStart[row] as number;
    const end = rowStart[row + 1] as number;
    for (let k = 0; k < f; k += 1) x[k] = target[offset + k] as number;

    // r = b − A x = Σ_j (c_j − (c_j − 1) y_j·x) y_j − (YᵀY + λI) x
    matrixVector(a, f, f, x, r, -1);
    confidenceProduct(fixed, index, confidence, start, end, x, f, 1, -1, r, dots);
    let rsOld = 0;
    for (let k = 0; k < f; k += 1) {
      p[k] = r[k] as number;
      rsOld += (r[k] as number) ** 2;
    }

    for (let step = 0; step < cgSteps && rsOld > 1e-20; step += 1) {
      // ap = A p = (YᵀY + λI) p + Σ_j (c_j − 1)(y_j·p) y_j
      matrixVector(a, f, f, p, ap);
      confidenceProduct(fixed, index, confidence, start, end, p, f, 0, 1, ap, dots);
      let pAp = 0;
      for (let k = 0; k < f; k += 1) pAp += (p[k] as number) * (ap[k] as number);
      if (!(pAp > 0)) break;
      const stepSize = rsOld / pAp;
      let rsNew = 0;
      for (let k = 0; k < f; k += 1) {
        x[k] = (x[k] as number) + stepSize * (p[k] as number);
        const rk = (r[k] as number) - stepSize * (ap[k] as number);
        r[k] = rk;
        rsNew += rk * rk;
      }
      const beta = rsNew / rsOld;
      for (let k = 0; k < f; k += 1) p[k] = (r[k] as number) + beta * (p[k] as number);
      rsOld = rsNew;
    }
    for (let k = 0; k < f; k += 1) target[offset + k] = x[k] as number;
  }
}

// The kernels below take four rows at a time: one load of the shared vector serves four rows and the
// four sums do not wait on each other, which is about 1.5x faster in V8 than one row at a time. Keeping
// dot4 and axpy4 as separate small functions measured faster than one fused loop body.

/** out += Σ_j (bias c_j + slope (c_j − 1) y_j·v) y_j over interactions start .. end. */
function confidenceProduct(
  fixed: Float32Array,
  index: Int32Array,
  confidence: Float32Array,
  start: number,
  end: number,
  v: Float64Array,
  f: number,
  bias: number,
  slope: number,
  out: Float64Array,
  dots: Float64Array,
): void {
  let e = start;
  for (; e + 3 < end; e += 4) {
    const o0 = (index[e] as number) * f;
    const o1 = (index[e + 1] as number) * f;
    const o2 = (index[e + 2] as number) * f;
    const o3 = (index[e + 3] as number) * f;
    dot4(fixed, o0, o1, o2, o3, v, f, dots);
    const c0 = confidence[e] as number;
    const c1 = confidence[e + 1] as number;
    const c2 = confidence[e + 2] as number;
    const c3 = confidence[e + 3] as number;
    axpy4(
      fixed,
      o0,
      o1,
      o2,
      o3,
      bias * c0 + slope * (c0 - 1) * (dots[0] as number),
      bias * c1 + slope * (c1 - 1) * (dots[1] as number),
      bias * c2 + slope * (c2 - 1) * (dots[2] as number),
      bias * c3 + slope * (c3 - 1) * (dots[3] as number),
      f,
      out,
    );
  }
  for (; e < end; e += 1) {
    const o = (index[e] as number) * f;
    let s = 0;
    for (let k = 0; k < f; k += 1) s += (fixed[o + k] as number) * (v[k] as number);
    const c = confidence[e] as number;
    const w = bias * c + slope * (c - 1) * s;
    for (let k = 0; k < f; k += 1) out[k] = (out[k] as number) + w * (fixed[o + k] as number);
  }
}

/** dots[0..4] = the rows of `fixed` at offsets o0..o3, each dotted with v. */
function dot4(
  fixed: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  v: Float64Array,
  f: number,
  dots: Float64Array,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < f; k += 1) {
    const vk = v[k] as number;
    s0 += (fixed[o0 + k] as number) * vk;
    s1 += (fixed[o1 + k] as number) * vk;
    s2 += (fixed[o2 + k] as number) * vk;
    s3 += (fixed[o3 + k] as number) * vk;
  }
  dots[0] = s0;
  dots[1] = s1;
  dots[2] = s2;
  dots[3] = s3;
}

/** out += w0 y0 + w1 y1 + w2 y2 + w3 y3 for the rows of `fixed` at offsets o0..o3. */
function axpy4(
  fixed: Float32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
  f: number,
  out: Float64Array,
): void {
  for (let k = 0; k < f; k += 1) {
    out[k] =
      (out[k] as number) +
      w0 * (fixed[o0 + k] as number) +
      w1 * (fixed[o1 + k] as number) +
      w2 * (fixed[o2 + k] as number) +
      w3 * (fixed[o3 + k] as number);
  }
}

/**
 * Boundaries that split rows 0..n into `parts` ranges of about equal CG work (a row costs about f² plus
 * 2f per interaction for each step); returns `parts + 1` boundaries.
 */
export function rowSplit(rowStart: Int32Array, f: number, parts: number): number[] {
  const n = rowStart.length - 1;
  const cost = (row: number) => f + 2 * ((rowStart[row + 1] as number) - (rowStart[row] as number));
  let total = 0;
  for (let row = 0; row < n; row += 1) total += cost(row);
  const bounds = [0];
  let done = 0;
  let row = 0;
  for (let part = 1; part < parts; part += 1) {
    while (row < n && done + cost(row) / 2 < (total * part) / parts) {
      done += cost(row);
      row += 1;
    }
    bounds.push(row);
  }
  bounds.push(n);
  return bounds;
}
