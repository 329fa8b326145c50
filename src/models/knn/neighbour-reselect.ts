import { type CooccurrenceRows, cosineSimilarity } from './item-cooccurrence.js';
import type { FittedItemKnn } from './item-neighbours.js';
import { keepBest } from './top-neighbours.js';

type Lists = Pick<FittedItemKnn, 'neighbours' | 'preciseSimilarity'>;

/** A row's output arrays, written from an offset. */
interface Output {
  readonly items: Int32Array;
  readonly values: Float32Array;
  readonly precise: Float64Array;
}

/**
 * The neighbour lists after a viewer whose items are S left (`stats` and `norms` are already without
 * them), as a refit would select them:
 *
 * - Rows i in S are selected again from their whole dot row.
 * - A row i outside S keeps all its dots and its norm; only sim(i, j) for j in S changes, and it can
 *   only rise, since |j| fell (every step of the similarity rounds monotonically). An item outside the
 *   old top-k and outside S was beaten by k items whose similarities did not fall, so it stays out: the
 *   new top-k lies within the old neighbours and S ∩ row(i). The old neighbours keep their float64
 *   similarities, those in S get new ones, and items of S that were not neighbours (entrants) can only
 *   get in by beating the worst old neighbour (on ML-100K about one touched row in ten, with one
 *   entrant): the row is then selected again from the old neighbours and those entrants, with the fit's
 *   selection.
 * - Rows that share no viewer with S keep their lists.
 *
 * Only rows in S can change length, so every other row is copied once, in runs between the rows of S,
 * and rows outside S are then patched in place.
 */
export function reselectNeighbours(
  old: FittedItemKnn,
  stats: CooccurrenceRows,
  norms: Float64Array,
  items: Int32Array,
  inS: Uint8Array,
  shape: { k: number; shrinkage: number },
): Lists {
  const { k, shrinkage } = shape;
  const n = norms.length;
  const selector = new RowSelector(n, k);
  // Rows of S, into a scratch block of k per row.
  const sRows: Output = {
    items: new Int32Array(items.length * k),
    values: new Float32Array(items.length * k),
    precise: new Float64Array(items.length * k),
  };
  const oldStart = old.neighbours.start;
  const length = new Int32Array(n);
  for (let i = 0; i < n; i += 1) length[i] = (oldStart[i + 1] as number) - (oldStart[i] as number);
  items.forEach((s, r) => {
    const m = selector.load(stats.item[s] as Int32Array, stats.dot[s] as Float64Array, norms, s, shrinkage);
    length[s] = selector.select(m, sRows, r * k);
  });
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i += 1) start[i + 1] = (start[i] as number) + (length[i] as number);
  const out: Output = {
    items: new Int32Array(start[n] as number),
    values: new Float32Array(start[n] as number),
    precise: new Float64Array(start[n] as number),
  };
  const previous: Output = {
    items: old.neighbours.item,
    values: old.neighbours.similarity,
    precise: old.preciseSimilarity,
  };
  let from = 0; // first row not yet copied
  items.forEach((s, r) => {
    copyRange(previous, oldStart[from] as number, oldStart[s] as number, out, start[from] as number);
    copyRange(sRows, r * k, r * k + (length[s] as number), out, start[s] as number);
    from = s + 1;
  });
  copyRange(previous, oldStart[from] as number, oldStart[n] as number, out, start[from] as number);

  const withS = dotsWithS(stats, items, inS);
  for (let i = 0; i < n; i += 1) {
    if ((withS.start[i + 1] as number) > (withS.start[i] as number)) {
      selector.patch(i, start[i] as number, length[i] as number, withS, norms, shrinkage, out);
    }
  }
  return { neighbours: { start, item: out.items, similarity: out.values }, preciseSimilarity: out.precise };
}

function copyRange(source: Output, from: number, to: number, target: Output, at: number): void {
  target.items.set(source.items.subarray(from, to), at);
  target.values.set(source.values.subarray(from, to), at);
  target.precise.set(source.precise.subarray(from, to), at);
}

/**
 * For every row i outside S, its dots with the items of S, ascending (CSR over all items): read off the
 * rows of S, which hold the same values (the rows are symmetric and each dot is an exact sum).
 */
function dotsWithS(
  stats: CooccurrenceRows,
  items: Int32Array,
  inS: Uint8Array,
): { start: Int32Array; item: Int32Array; dot: Float64Array } {
  const n = inS.length;
  const start = new Int32Array(n + 1);
  for (const s of items) {
    for (const i of stats.item[s] as Int32Array)
      if (inS[i] !== 1) start[i + 1] = (start[i + 1] as number) + 1;
  }
  for (let i = 0; i < n; i += 1) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const next = start.slice(0, n);
  const item = new Int32Array(start[n] as number);
  const dot = new Float64Array(start[n] as number);
  for (const s of items) {
    const rowItem = stats.item[s] as Int32Array;
    const rowDot = stats.dot[s] as Float64Array;
    for (let e = 0; e < rowItem.length; e += 1) {
      const i = rowItem[e] as number;
      if (inS[i] === 1) continue;
      const at = next[i] as number;
      item[at] = s;
      dot[at] = rowDot[e] as number;
      next[i] = at + 1;
    }
  }
  return { start, item, dot };
}

/** Scratch space for the candidates of one row, and the two ways a row is selected again. */
class RowSelector {
  private readonly candidates: Int32Array;
  private readonly similarity: Float64Array;
  private readonly entrants: Int32Array;
  private readonly entrantSimilarity: Float64Array;
  private readonly selection: Float64Array;
  private readonly row: Output;

  constructor(
    n: number,
    private readonly k: number,
  ) {
    this.candidates = new Int32Array(n);
    this.similarity = new Float64Array(n);
    this.entrants = new Int32Array(n);
    this.entrantSimilarity = new Float64Array(n);
    this.selection = new Float64Array(n);
    this.row = { items: new Int32Array(k), values: new Float32Array(k), precise: new Float64Array(k) };
  }

  /** Makes every item of row i's dot row a candidate; returns how many. */
  load(rowItem: Int32Array, rowDot: Float64Array, norms: Float64Array, i: number, shrinkage: number): number {
    const normI = norms[i] as number;
    for (let e = 0; e < rowItem.length; e += 1) {
      const j = rowItem[e] as number;
      this.candidates[e] = j;
      this.similarity[e] = cosineSimilarity(rowDot[e] as number, normI, norms[j] as number, shrinkage);
    }
    return rowItem.length;
  }

  /** Keeps the best k of the m loaded candidates, written to `out` from `at`; returns how many. */
  select(m: number, out: Output, at: number): number {
    return keepBest(this.candidates, this.similarity, m, this.k, this.selection, out, at);
  }

  /**
   * Row i outside S, already copied to `out` at `at`: new similarities for its neighbours in S, and
   * the entrants that beat its worst neighbour, if any, selected in.
   */
  patch(
    i: number,
    at: number,
    listed: number,
    withS: { start: Int32Array; item: Int32Array; dot: Float64Array },
    norms: Float64Array,
    shrinkage: number,
    out: Output,
  ): void {
    const normI = norms[i] as number;
    const { items: rowItems, values: rowValues, precise: rowPrecise } = out;
    const { item: bucketItem, dot: bucketDot } = withS;
    const { entrants, entrantSimilarity } = this;
    let q = at;
    const end = at + listed;
    let nEntrants = 0;
    const bucketEnd = withS.start[i + 1] as number;
    for (let e = withS.start[i] as number; e < bucketEnd; e += 1) {
      const s = bucketItem[e] as number;
      const value = cosineSimilarity(bucketDot[e] as number, normI, norms[s] as number, shrinkage);
      while (q < end && (rowItems[q] as number) < s) q += 1;
      if (q < end && rowItems[q] === s) {
        rowValues[q] = value;
        rowPrecise[q] = value;
      } else {
        entrants[nEntrants] = s;
        entrantSimilarity[nEntrants] = value;
        nEntrants += 1;
      }
    }
    if (nEntrants === 0) return;
    if (listed < this.k) {
      // All of the row's positive dots were neighbours already, so no item of S can be new to it.
      throw new Error(`itemknn forget: the neighbour lists and the statistics disagree at item ${i}`);
    }
    nEntrants = this.aboveWorst(out.items, out.precise, at, end, nEntrants);
    if (nEntrants === 0) return;
    const m = this.merge(out, at, end, nEntrants);
    const kept = this.select(m, this.row, 0);
    copyRange(this.row, 0, kept, out, at);
  }

  /** Drops the entrants ranking below the row's worst neighbour; returns how many are left. */
  private aboveWorst(items: Int32Array, precise: Float64Array, from: number, to: number, nEntrants: number) {
    let worstValue = Infinity;
    let worstItem = -1;
    for (let q = from; q < to; q += 1) {
      const value = precise[q] as number;
      if (value < worstValue || (value === worstValue && (items[q] as number) > worstItem)) {
        worstValue = value;
        worstItem = items[q] as number;
      }
    }
    let kept = 0;
    for (let c = 0; c < nEntrants; c += 1) {
      const value = this.entrantSimilarity[c] as number;
      const item = this.entrants[c] as number;
      if (value < worstValue || (value === worstValue && item > worstItem)) continue;
      this.entrants[kept] = item;
      this.entrantSimilarity[kept] = value;
      kept += 1;
    }
    return kept;
  }

  /** The row's neighbours and the entrants as candidates, merged in item order; returns how many. */
  private merge(row: Output, from: number, to: number, nEntrants: number): number {
    let q = from;
    let e = 0;
    let m = 0;
    while (q < to || e < nEntrants) {
      if (e === nEntrants || (q < to && (row.items[q] as number) < (this.entrants[e] as number))) {
        this.candidates[m] = row.items[q] as number;
        this.similarity[m] = row.precise[q] as number;
        q += 1;
      } else {
        this.candidates[m] = this.entrants[e] as number;
        this.similarity[m] = this.entrantSimilarity[e] as number;
        e += 1;
      }
      m += 1;
    }
    return m;
  }
}
