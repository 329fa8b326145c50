/** The rows of a sparse viewer x item matrix: the parts of an InteractionMatrix a Gram matrix needs. */
export interface SparseRows {
  readonly nItems: number;
  readonly rowStart: Int32Array;
  readonly itemIndex: Int32Array;
}

/**
 * G = XᵀX + ridge I for the binary viewer x item matrix X (every stored pair counts 1, whatever its
 * value), as a full symmetric nItems x nItems row-major Float64Array: G[a][b] is the number of viewers
 * with both items. Counts each unordered pair of a viewer's items once, in the lower triangle, then
 * mirrors.
 */
export function gramMatrix(rows: SparseRows, ridge = 0): Float64Array {
  const n = rows.nItems;
  const g = new Float64Array(n * n);
  const nRows = rows.rowStart.length - 1;
  for (let u = 0; u < nRows; u += 1) {
    const start = rows.rowStart[u] as number;
    const end = rows.rowStart[u + 1] as number;
    for (let p = start; p < end; p += 1) {
      const a = rows.itemIndex[p] as number;
      for (let q = start; q <= p; q += 1) {
        const b = rows.itemIndex[q] as number;
        const at = a >= b ? a * n + b : b * n + a;
        g[at] = (g[at] as number) + 1;
      }
    }
  }
  for (let a = 0; a < n; a += 1) {
    g[a * n + a] = (g[a * n + a] as number) + ridge;
    for (let b = 0; b < a; b += 1) g[b * n + a] = g[a * n + b] as number;
  }
  return g;
}
