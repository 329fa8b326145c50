import type { InteractionMatrix } from '../interaction-matrix.js';

/**
 * The symmetrically normalized interaction matrix R̃ = D_u^-1/2 R D_i^-1/2 of a binary viewer x item
 * matrix R (every stored pair counts 1, whatever its value), kept as the matrix's own sparse rows and
 * the two scalings: r̃_ui = userScale[u] itemScale[i] for each stored pair. Viewers and items without
 * interactions get scale 0.
 */
export interface NormalizedInteractions {
  readonly nUsers: number;
  readonly nItems: number;
  readonly rowStart: Int32Array;
  readonly itemIndex: Int32Array;
  /** 1 / sqrt(|items of u|), or 0. */
  readonly userScale: Float64Array;
  /** 1 / sqrt(|viewers of i|), or 0. */
  readonly itemScale: Float64Array;
}

export function normalizedInteractions(matrix: InteractionMatrix): NormalizedInteractions {
  const { nUsers, nItems, rowStart, itemIndex } = matrix;
  const itemCount = new Float64Array(nItems);
  for (const i of itemIndex) itemCount[i] = (itemCount[i] as number) + 1;
  const inverseRoot = (count: number) => (count > 0 ? 1 / Math.sqrt(count) : 0);
  const userScale = Float64Array.from({ length: nUsers }, (_, u) =>
    inverseRoot((rowStart[u + 1] as number) - (rowStart[u] as number)),
  );
  return { nUsers, nItems, rowStart, itemIndex, userScale, itemScale: itemCount.map(inverseRoot) };
}

/**
 * The linear filter R̃ᵀR̃ as a full symmetric nItems x nItems row-major array: entry (a, b) is
 * itemScale[a] itemScale[b] times the sum, over viewers of both, of 1 / |items of the viewer|. Sums each
 * unordered pair of a viewer's items once, in the lower triangle, then scales and mirrors.
 */
export function normalizedItemGram(r: NormalizedInteractions): Float64Array {
  const n = r.nItems;
  const g = new Float64Array(n * n);
  for (let u = 0; u < r.nUsers; u += 1) {
    const start = r.rowStart[u] as number;
    const end = r.rowStart[u + 1] as number;
    const w = (r.userScale[u] as number) ** 2;
    for (let p = start; p < end; p += 1) {
      const row = (r.itemIndex[p] as number) * n;
      for (let q = start; q <= p; q += 1) {
        const at = row + (r.itemIndex[q] as number);
        g[at] = (g[at] as number) + w;
      }
    }
  }
  for (let a = 0; a < n; a += 1) {
    const sa = r.itemScale[a] as number;
    for (let b = 0; b <= a; b += 1) {
      const value = (g[a * n + b] as number) * sa * (r.itemScale[b] as number);
      g[a * n + b] = value;
      g[b * n + a] = value;
    }
  }
  return g;
}

/**
 * out = R̃ᵀ (R̃ Q) for a block of k vectors over the items, stored vector by vector (`q[v * nItems + i]`);
 * out has the same layout and is overwritten. Sparse: 2 k multiply-adds per stored pair, run on an
 * item-major copy of the block so that every inner loop walks k contiguous numbers.
 */
export function applyItemGram(
  r: NormalizedInteractions,
  q: Float64Array,
  k: number,
  out: Float64Array,
): void {
  const n = r.nItems;
  const values = pairValues(r);
  const byItem = new Float64Array(n * k);
  for (let v = 0; v < k; v += 1) for (let i = 0; i < n; i += 1) byItem[i * k + v] = q[v * n + i] as number;
  const result = new Float64Array(n * k);
  const t = new Float64Array(k);
  for (let u = 0; u < r.nUsers; u += 1) {
    const start = r.rowStart[u] as number;
    const end = r.rowStart[u + 1] as number;
    if (end === start) continue;
    t.fill(0);
    for (let p = start; p < end; p += 1) {
      const w = values[p] as number;
      const row = (r.itemIndex[p] as number) * k;
      for (let v = 0; v < k; v += 1) t[v] = (t[v] as number) + w * (byItem[row + v] as number);
    }
    for (let p = start; p < end; p += 1) {
      const w = values[p] as number;
      const row = (r.itemIndex[p] as number) * k;
      for (let v = 0; v < k; v += 1) result[row + v] = (result[row + v] as number) + w * (t[v] as number);
    }
  }
  for (let v = 0; v < k; v += 1) for (let i = 0; i < n; i += 1) out[v * n + i] = result[i * k + v] as number;
}

const valuesCache = new WeakMap<NormalizedInteractions, Float64Array>();

/** r̃ for every stored pair, in the order of the sparse rows (computed once per matrix). */
function pairValues(r: NormalizedInteractions): Float64Array {
  let values = valuesCache.get(r);
  if (!values) {
    values = new Float64Array(r.itemIndex.length);
    for (let u = 0; u < r.nUsers; u += 1) {
      for (let p = r.rowStart[u] as number; p < (r.rowStart[u + 1] as number); p += 1) {
        values[p] = (r.userScale[u] as number) * (r.itemScale[r.itemIndex[p] as number] as number);
      }
    }
    valuesCache.set(r, values);
  }
  return values;
}

/** t[v] = (R̃ Q)[u][v] = sum over u's items i of r̃_ui q[v][i]. */
export function projectRow(
  r: NormalizedInteractions,
  u: number,
  q: Float64Array,
  k: number,
  t: Float64Array,
): void {
  const n = r.nItems;
  const values = pairValues(r);
  const start = r.rowStart[u] as number;
  const end = r.rowStart[u + 1] as number;
  for (let v = 0; v < k; v += 1) {
    const base = v * n;
    let s = 0;
    for (let p = start; p < end; p += 1)
      s += (values[p] as number) * (q[base + (r.itemIndex[p] as number)] as number);
    t[v] = s;
  }
}
