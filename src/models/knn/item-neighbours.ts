import type { InteractionMatrix } from '../interaction-matrix.js';
import type { FitContext } from '../recommender.js';
import {
  type CooccurrenceRows,
  cooccurrenceRows,
  cosineSimilarity,
  viewerWeight,
} from './item-cooccurrence.js';
import type { ItemKnnParams } from './item-knn-params.js';
import { keepBest } from './top-neighbours.js';

/**
 * Each target item's most similar items in compressed sparse row form: item i's neighbours j are
 * `item[start[i] .. start[i + 1])`, ascending, with sim(j, i) in `similarity` beside them.
 */
export interface ItemNeighbours {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly similarity: Float32Array;
}

/** Fitted item-kNN: the neighbour lists, and the statistics they were selected from. */
export interface FittedItemKnn {
  readonly neighbours: ItemNeighbours;
  readonly cooccurrence: CooccurrenceRows;
  /**
   * The neighbours' similarities in float64, beside `neighbours.similarity`: unlearning compares them
   * with new ones exactly as the fit did. Not stored in artifacts: recomputed from the statistics.
   */
  readonly preciseSimilarity: Float64Array;
}

/** The neighbour lists alone (see `fitItemKnn`). */
export async function computeItemNeighbours(
  matrix: InteractionMatrix,
  params: Pick<ItemKnnParams, 'neighbours' | 'shrinkage' | 'iuf'>,
  context: FitContext = {},
): Promise<ItemNeighbours> {
  return (await fitItemKnn(matrix, params, context)).neighbours;
}

/** Neighbours kept per item: k, but never more than the other items. */
export const neighbourCount = (neighbours: number, nItems: number): number =>
  Math.min(neighbours, Math.max(nItems - 1, 0));

/**
 * Cosine similarities of the binary item columns, truncated column-wise: every target item keeps its
 * `neighbours` most similar other items (higher similarity first, lower index on ties; similarities of 0
 * are not kept). sim(a, b) = dot(a, b) / (|a| |b| + shrinkage), where with `iuf` each viewer u counts
 * log(nItems / |items of u|) (rounded, see `viewerWeight`) instead of 1 in the dot products and norms.
 *
 * Sparse throughout: for each target item, the co-occurrence counts with every other item are summed
 * over the rows of its viewers into one dense vector of nItems (so the work is the number of co-occurring
 * pairs, about 12 million for ML-100K, and the memory is linear in the catalog). The non-zero dot
 * products are kept too (for unlearning). Yields to the event loop every 1% of the items, where it
 * reports progress and honours the abort signal.
 */
export async function fitItemKnn(
  matrix: InteractionMatrix,
  params: Pick<ItemKnnParams, 'neighbours' | 'shrinkage' | 'iuf'>,
  context: FitContext = {},
): Promise<FittedItemKnn> {
  const { nItems: n, rowStart, itemIndex } = matrix;
  const weight = viewerWeights(matrix, params.iuf);
  const columns = itemColumns(matrix);
  const normSquared = new Float64Array(n);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = 0;
    for (let e = columns.start[i] as number; e < (columns.start[i + 1] as number); e += 1) {
      sum += weight[columns.viewer[e] as number] as number;
    }
    normSquared[i] = sum;
    norms[i] = Math.sqrt(sum);
  }
  const k = neighbourCount(params.neighbours, n);
  const start = new Int32Array(n + 1);
  const lists = {
    items: new Int32Array(n * k),
    values: new Float32Array(n * k),
    precise: new Float64Array(n * k),
  };
  const candidates = new Int32Array(n);
  const candidateSimilarity = new Float64Array(n);
  const dots = new DotRows(n, itemIndex.length);
  const sums = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const scratch = new Float64Array(n);
  const step = Math.max(1, Math.ceil(n / 100));
  for (let i = 0; i < n; i += 1) {
    if (i % step === 0) {
      context.progress?.(i / n, 'similarity');
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (context.signal?.aborted) throw context.signal.reason;
    }
    let nTouched = 0;
    for (let e = columns.start[i] as number; e < (columns.start[i + 1] as number); e += 1) {
      const u = columns.viewer[e] as number;
      const w = weight[u] as number;
      for (let q = rowStart[u] as number; q < (rowStart[u + 1] as number); q += 1) {
        const j = itemIndex[q] as number;
        if (stamp[j] !== i) {
          stamp[j] = i;
          touched[nTouched] = j;
          nTouched += 1;
        }
        sums[j] = (sums[j] as number) + w;
      }
    }
    // Ascending: the stored dot rows and the neighbour lists are in item order.
    touched.subarray(0, nTouched).sort();
    const normI = norms[i] as number;
    let m = 0;
    for (let t = 0; t < nTouched; t += 1) {
      const j = touched[t] as number;
      const dot = sums[j] as number;
      sums[j] = 0;
      if (j === i || !(dot > 0)) continue;
      dots.push(j, dot);
      candidates[m] = j;
      candidateSimilarity[m] = cosineSimilarity(dot, normI, norms[j] as number, params.shrinkage);
      m += 1;
    }
    dots.endRow(i);
    start[i + 1] =
      (start[i] as number) +
      keepBest(candidates, candidateSimilarity, m, k, scratch, lists, start[i] as number);
  }
  context.progress?.(1, 'similarity');
  const used = start[n] as number;
  return {
    neighbours: { start, item: lists.items.slice(0, used), similarity: lists.values.slice(0, used) },
    cooccurrence: cooccurrenceRows({ ...dots.finish(), normSquared }),
    preciseSimilarity: lists.precise.slice(0, used),
  };
}

/** The dot rows as they are found, in arrays that double when full. */
class DotRows {
  private readonly start: Int32Array;
  private item: Int32Array;
  private dot: Float64Array;
  private size = 0;

  constructor(nItems: number, capacity: number) {
    this.start = new Int32Array(nItems + 1);
    this.item = new Int32Array(Math.max(capacity, 16));
    this.dot = new Float64Array(Math.max(capacity, 16));
  }

  push(j: number, dot: number): void {
    if (this.size === this.item.length) {
      const item = new Int32Array(2 * this.size);
      item.set(this.item);
      this.item = item;
      const dots = new Float64Array(2 * this.size);
      dots.set(this.dot);
      this.dot = dots;
    }
    this.item[this.size] = j;
    this.dot[this.size] = dot;
    this.size += 1;
  }

  endRow(i: number): void {
    this.start[i + 1] = this.size;
  }

  finish(): { start: Int32Array; item: Int32Array; dot: Float64Array } {
    return { start: this.start, item: this.item.slice(0, this.size), dot: this.dot.slice(0, this.size) };
  }
}

/** How much each viewer counts in the similarities (see `viewerWeight`). */
function viewerWeights(matrix: InteractionMatrix, iuf: boolean): Float64Array {
  const weight = new Float64Array(matrix.nUsers);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const activity = (matrix.rowStart[u + 1] as number) - (matrix.rowStart[u] as number);
    weight[u] = viewerWeight(activity, matrix.nItems, iuf);
  }
  return weight;
}

/** The matrix by columns: item i's viewers are `viewer[start[i] .. start[i + 1])`, ascending. */
function itemColumns(matrix: InteractionMatrix): { start: Int32Array; viewer: Int32Array } {
  const start = new Int32Array(matrix.nItems + 1);
  for (const i of matrix.itemIndex) start[i + 1] = (start[i + 1] as number) + 1;
  for (let i = 0; i < matrix.nItems; i += 1) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const next = start.slice(0, matrix.nItems);
  const viewer = new Int32Array(matrix.itemIndex.length);
  for (let u = 0; u < matrix.nUsers; u += 1) {
    for (let q = matrix.rowStart[u] as number; q < (matrix.rowStart[u + 1] as number); q += 1) {
      const i = matrix.itemIndex[q] as number;
      viewer[next[i] as number] = u;
      next[i] = (next[i] as number) + 1;
    }
  }
  return { start, viewer };
}
