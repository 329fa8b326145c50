import type { InteractionMatrix } from '../interaction-matrix.js';
import type { FitContext } from '../recommender.js';
import type { ItemKnnParams } from './item-knn-params.js';
import { NeighbourHeap } from './neighbour-heap.js';

/**
 * Each target item's most similar items in compressed sparse row form: item i's neighbours j are
 * `item[start[i] .. start[i + 1])`, ascending, with sim(j, i) in `similarity` beside them.
 */
export interface ItemNeighbours {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly similarity: Float32Array;
}

/**
 * Cosine similarities of the binary item columns, truncated column-wise: every target item keeps its
 * `neighbours` most similar other items (higher similarity first, lower index on ties; similarities of 0
 * are not kept). sim(a, b) = dot(a, b) / (|a| |b| + shrinkage), where with `iuf` each viewer u counts
 * log(nItems / |items of u|) instead of 1 in the dot products and in the norms.
 *
 * Sparse throughout: for each target item, the co-occurrence counts with every other item are summed
 * over the rows of its viewers into one dense vector of nItems (so the work is the number of co-occurring
 * pairs, about 12 million for ML-100K, and the memory is linear in the catalog). Yields to the event loop
 * every 1% of the items, where it reports progress and honours the abort signal.
 */
export async function computeItemNeighbours(
  matrix: InteractionMatrix,
  params: Pick<ItemKnnParams, 'neighbours' | 'shrinkage' | 'iuf'>,
  context: FitContext = {},
): Promise<ItemNeighbours> {
  const { nItems: n, rowStart, itemIndex } = matrix;
  const weight = viewerWeights(matrix, params.iuf);
  const columns = itemColumns(matrix);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = 0;
    for (let e = columns.start[i] as number; e < (columns.start[i + 1] as number); e += 1) {
      sum += weight[columns.viewer[e] as number] as number;
    }
    norms[i] = Math.sqrt(sum);
  }
  const k = Math.min(params.neighbours, Math.max(n - 1, 0));
  const start = new Int32Array(n + 1);
  const item = new Int32Array(n * k);
  const similarity = new Float32Array(n * k);
  const sums = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const heap = new NeighbourHeap(k);
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
    const normI = norms[i] as number;
    for (let t = 0; t < nTouched; t += 1) {
      const j = touched[t] as number;
      const dot = sums[j] as number;
      sums[j] = 0;
      if (j === i || !(dot > 0)) continue;
      heap.offer(j, dot / (normI * (norms[j] as number) + params.shrinkage));
    }
    start[i + 1] = (start[i] as number) + heap.drainByItem(item, similarity, start[i] as number);
  }
  context.progress?.(1, 'similarity');
  const used = start[n] as number;
  return { start, item: item.slice(0, used), similarity: similarity.slice(0, used) };
}

/** How much each viewer counts in the similarities: 1, or log(nItems / |items of u|) with IUF. */
function viewerWeights(matrix: InteractionMatrix, iuf: boolean): Float64Array {
  const weight = new Float64Array(matrix.nUsers).fill(1);
  if (!iuf) return weight;
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const activity = (matrix.rowStart[u + 1] as number) - (matrix.rowStart[u] as number);
    if (activity > 0) weight[u] = Math.log(matrix.nItems / activity);
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
