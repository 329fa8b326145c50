/**
 * The sufficient statistics of item-kNN, kept so that viewers can be removed without a refit: the
 * weighted co-occurrence (dot product) of every pair of items that share a viewer, and every item's
 * squared norm. Item i's row holds the items j != i with dot(i, j) > 0, ascending:
 * `item[start[i] .. start[i + 1])` with `dot` beside them. The rows are symmetric.
 */
export interface ItemCooccurrence {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly dot: Float64Array;
  readonly normSquared: Float64Array;
}

/**
 * The same statistics row by row, as views: the rows unlearning does not touch are shared between the
 * versions before and after, so that forgetting a viewer copies only the viewer's rows.
 */
export interface CooccurrenceRows {
  readonly item: readonly Int32Array[];
  readonly dot: readonly Float64Array[];
  readonly normSquared: Float64Array;
  /** The contiguous arrays the rows are views of, when they are (after a fit or a load). */
  readonly flat?: ItemCooccurrence;
}

/** Row views of contiguous statistics. */
export function cooccurrenceRows(flat: ItemCooccurrence): CooccurrenceRows {
  const n = flat.normSquared.length;
  const item: Int32Array[] = [];
  const dot: Float64Array[] = [];
  for (let i = 0; i < n; i += 1) {
    const from = flat.start[i] as number;
    const to = flat.start[i + 1] as number;
    item.push(flat.item.subarray(from, to));
    dot.push(flat.dot.subarray(from, to));
  }
  return { item, dot, normSquared: flat.normSquared, flat };
}

/** Contiguous statistics from rows (for an artifact); the arrays of `rows.flat` when there are some. */
export function flatCooccurrence(rows: CooccurrenceRows): ItemCooccurrence {
  if (rows.flat) return rows.flat;
  const n = rows.normSquared.length;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i += 1) start[i + 1] = (start[i] as number) + (rows.item[i] as Int32Array).length;
  const item = new Int32Array(start[n] as number);
  const dot = new Float64Array(start[n] as number);
  for (let i = 0; i < n; i += 1) {
    item.set(rows.item[i] as Int32Array, start[i] as number);
    dot.set(rows.dot[i] as Float64Array, start[i] as number);
  }
  return { start, item, dot, normSquared: rows.normSquared };
}

/** Viewer weights are whole multiples of 2^-20. */
const WEIGHT_SCALE = 2 ** 20;

/**
 * How much a viewer with `activity` items counts in the dot products and norms: 1, or with IUF
 * log(nItems / activity) rounded to a multiple of 2^-20 (a change below 5e-7).
 *
 * The rounding is what makes unlearning exact: sums of multiples of 2^-20 are exact in float64 (below
 * 2^33, that is billions of viewers), so they do not depend on the order of the terms, and subtracting
 * a viewer's weight gives bit for bit the sum a refit without that viewer computes.
 */
export function viewerWeight(activity: number, nItems: number, iuf: boolean): number {
  if (!iuf) return 1;
  if (!(activity > 0)) return 0;
  return Math.round(Math.log(nItems / activity) * WEIGHT_SCALE) / WEIGHT_SCALE;
}

/**
 * sim(i, j) = dot / (|i| |j| + shrinkage), the one expression fitting and unlearning share so that they
 * round alike (norms are square roots of the squared norms).
 */
export function cosineSimilarity(dot: number, normI: number, normJ: number, shrinkage: number): number {
  return dot / (normI * normJ + shrinkage);
}

/** Checks stored statistics, so that unlearning cannot read outside them. */
export function checkedCooccurrence(stats: ItemCooccurrence, nItems: number): ItemCooccurrence {
  const { start, item, dot, normSquared } = stats;
  const fail = (detail: string): never => {
    throw new Error(`itemknn artifact: ${detail}`);
  };
  if (normSquared.length !== nItems) fail(`normSquared must hold ${nItems} values`);
  if (start.length !== nItems + 1 || start[0] !== 0) fail(`dotStart must hold ${nItems + 1} offsets from 0`);
  if (start[nItems] !== item.length || dot.length !== item.length)
    fail(`dotStart ends at ${start[nItems]} but there are ${item.length} items and ${dot.length} dots`);
  for (let i = 0; i < nItems; i += 1) {
    const from = start[i] as number;
    const to = start[i + 1] as number;
    if (to < from) fail(`dotStart decreases at ${i}`);
    let previous = -1;
    for (let e = from; e < to; e += 1) {
      const j = item[e] as number;
      if (!(j > previous && j < nItems && j !== i))
        fail(`dot row ${i} is not ascending inside 0..${nItems - 1} without ${i}`);
      previous = j;
    }
  }
  return stats;
}
