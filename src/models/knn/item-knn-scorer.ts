import { checkForgetRows } from '../forget-rows.js';
import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type {
  Algorithm,
  Contribution,
  ForgetContext,
  Scorer,
  Unlearned,
  WeightArrays,
} from '../recommender.js';
import {
  type CooccurrenceRows,
  type ItemCooccurrence,
  checkedCooccurrence,
  cooccurrenceRows,
  flatCooccurrence,
} from './item-cooccurrence.js';
import { type ItemKnnParams, itemKnnParamsSchema } from './item-knn-params.js';
import { forgetItemKnnViewer, preciseSimilarities } from './item-knn-unlearn.js';
import { type FittedItemKnn, type ItemNeighbours, fitItemKnn } from './item-neighbours.js';

/**
 * Item-kNN: a viewer's score for item i is the sum of sim(j, i) over the history items j among i's
 * neighbours (binary: history weights are ignored). Scoring walks the lists the other way round (for each
 * history item, the items whose neighbour it is), built once from the stored lists on the first score.
 *
 * With the co-occurrence statistics (every fit keeps them) viewers can be removed exactly (`forget`);
 * artifacts written before the statistics were kept load without them, and then `forget` is absent:
 * only a refit can remove a viewer from those.
 */
class ItemKnnScorer implements Scorer {
  readonly algorithm = 'itemknn';
  readonly nItems: number;
  readonly forget?: (rows: readonly ItemHistory[], context?: ForgetContext) => Promise<Unlearned>;
  private readonly neighbours: ItemNeighbours;
  private readonly cooccurrence: CooccurrenceRows | undefined;
  /** The statistics as contiguous arrays for the artifact, made on the first `weights()` after a forget. */
  private flat: ItemCooccurrence | undefined;
  /** The lists' float64 similarities: from the fit, or from the statistics on the first forget. */
  private preciseSimilarity: Float64Array | undefined;
  private readonly sums: Float64Array;
  /**
   * The lists indexed by neighbour, built on the first `score`: a model made by `forget` is often only
   * saved (and loaded elsewhere), and then never needs it.
   */
  private reverse: ItemNeighbours | undefined;

  constructor(
    model: { neighbours: ItemNeighbours } & Partial<FittedItemKnn>,
    private readonly params: ItemKnnParams,
  ) {
    this.neighbours = model.neighbours;
    this.cooccurrence = model.cooccurrence;
    this.preciseSimilarity = model.preciseSimilarity;
    this.nItems = this.neighbours.start.length - 1;
    this.sums = new Float64Array(this.nItems);
    const cooccurrence = this.cooccurrence;
    if (cooccurrence) {
      this.forget = async (rows, context = {}) => this.forgetWith(cooccurrence, rows, context);
    }
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
    this.reverse ??= transposed(this.neighbours);
    const { start, item, similarity } = this.reverse;
    const sums = this.sums.fill(0);
    for (const j of history.items) {
      this.check(j);
      for (let e = start[j] as number; e < (start[j + 1] as number); e += 1) {
        const i = item[e] as number;
        sums[i] = (sums[i] as number) + (similarity[e] as number);
      }
    }
    for (let i = 0; i < this.nItems; i += 1) out[i] = sums[i] as number;
    return out;
  }

  /** sim(j, item) for every history item j among the item's neighbours. */
  explain(history: ItemHistory, item: number): Contribution[] {
    this.check(item);
    for (const j of history.items) this.check(j);
    const { start, item: neighbour, similarity } = this.neighbours;
    const contributions: Contribution[] = [];
    for (let e = start[item] as number; e < (start[item + 1] as number); e += 1) {
      const j = neighbour[e] as number;
      if (includes(history.items, j)) contributions.push({ item: j, weight: similarity[e] as number });
    }
    return contributions;
  }

  weights(): WeightArrays {
    const { start, item, similarity } = this.neighbours;
    const arrays: WeightArrays = { neighbourStart: start, neighbourItem: item, similarity };
    if (this.cooccurrence) {
      this.flat ??= flatCooccurrence(this.cooccurrence);
      const { start: dotStart, item: dotItem, dot, normSquared } = this.flat;
      Object.assign(arrays, { dotStart, dotItem, dot, normSquared });
    }
    return arrays;
  }

  /** Removes the viewers one after the other; bit for bit a refit without them (see the unlearn module). */
  private forgetWith(
    cooccurrence: CooccurrenceRows,
    rows: readonly ItemHistory[],
    context: ForgetContext,
  ): Unlearned {
    checkForgetRows(rows, this.nItems, this.algorithm);
    this.preciseSimilarity ??= preciseSimilarities(this.neighbours, cooccurrence, this.params.shrinkage);
    let model: FittedItemKnn = {
      neighbours: this.neighbours,
      cooccurrence,
      preciseSimilarity: this.preciseSimilarity,
    };
    for (const row of rows) {
      context.signal?.throwIfAborted();
      model = forgetItemKnnViewer(model, row.items, this.params);
    }
    return {
      scorer: new ItemKnnScorer(model, this.params),
      exact: true,
      method: `downdate of the co-occurrence statistics for ${rows.length} viewer(s), touched neighbour lists selected again`,
    };
  }

  private check(item: number): void {
    if (!(item >= 0 && item < this.nItems)) throw new Error(`item ${item} outside 0..${this.nItems - 1}`);
  }
}

/** Binary search in an ascending array. */
function includes(sorted: Int32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low < sorted.length && sorted[low] === value;
}

/** The same lists indexed by neighbour: for item j, the items i that have j as a neighbour. */
function transposed(lists: ItemNeighbours): ItemNeighbours {
  // Locals rather than property reads in the loops: this runs on every fit, load and forget.
  const { start: listStart, item: listItem, similarity: listSimilarity } = lists;
  const n = listStart.length - 1;
  const total = listItem.length;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < total; e += 1) {
    const j = listItem[e] as number;
    start[j + 1] = (start[j + 1] as number) + 1;
  }
  for (let j = 0; j < n; j += 1) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const next = start.slice(0, n);
  const item = new Int32Array(total);
  const similarity = new Float32Array(total);
  for (let i = 0; i < n; i += 1) {
    const end = listStart[i + 1] as number;
    for (let e = listStart[i] as number; e < end; e += 1) {
      const j = listItem[e] as number;
      const at = next[j] as number;
      item[at] = i;
      similarity[at] = listSimilarity[e] as number;
      next[j] = at + 1;
    }
  }
  return { start, item, similarity };
}

/** Checks that stored lists are well formed, so that scoring cannot read outside them. */
function checkedNeighbours(lists: ItemNeighbours, nItems: number): ItemNeighbours {
  const { start, item, similarity } = lists;
  const fail = (detail: string): never => {
    throw new Error(`itemknn artifact: ${detail}`);
  };
  if (start.length !== nItems + 1 || start[0] !== 0)
    fail(`neighbourStart must hold ${nItems + 1} offsets from 0`);
  if (start[nItems] !== item.length || similarity.length !== item.length)
    fail(
      `neighbourStart ends at ${start[nItems]} but there are ${item.length} neighbours and ${similarity.length} similarities`,
    );
  for (let i = 0; i < nItems; i += 1)
    if ((start[i + 1] as number) < (start[i] as number)) fail(`neighbourStart decreases at ${i}`);
  for (const j of item) if (!(j >= 0 && j < nItems)) fail(`neighbour ${j} outside 0..${nItems - 1}`);
  return lists;
}

/** The co-occurrence statistics of an artifact, or undefined for artifacts from before they were kept. */
function storedCooccurrence(
  arrays: ReadonlyMap<string, Float32Array | Float64Array | Int32Array>,
  nItems: number,
): CooccurrenceRows | undefined {
  const names = ['dotStart', 'dotItem', 'dot', 'normSquared'];
  if (names.every((name) => !arrays.has(name))) return undefined;
  const start = arrays.get('dotStart');
  const item = arrays.get('dotItem');
  const dot = arrays.get('dot');
  const normSquared = arrays.get('normSquared');
  if (
    !(start instanceof Int32Array) ||
    !(item instanceof Int32Array) ||
    !(dot instanceof Float64Array) ||
    !(normSquared instanceof Float64Array)
  ) {
    throw new Error(
      "itemknn artifact has only some statistics: it needs Int32Array 'dotStart' and 'dotItem' and " +
        "Float64Array 'dot' and 'normSquared', or none of them",
    );
  }
  return cooccurrenceRows(checkedCooccurrence({ start, item, dot, normSquared }, nItems));
}

export const itemKnnAlgorithm: Algorithm<typeof itemKnnParamsSchema> = {
  name: 'itemknn',
  description: 'item-based nearest neighbours: cosine similarity of items, each keeping its k most similar',
  paramsSchema: itemKnnParamsSchema,
  async fit(matrix: InteractionMatrix, params: ItemKnnParams, context) {
    return new ItemKnnScorer(await fitItemKnn(matrix, params, context), params);
  },
  load(arrays, params, nItems) {
    const start = arrays.get('neighbourStart');
    const item = arrays.get('neighbourItem');
    const similarity = arrays.get('similarity');
    if (
      !(start instanceof Int32Array) ||
      !(item instanceof Int32Array) ||
      !(similarity instanceof Float32Array)
    ) {
      throw new Error(
        "itemknn artifact needs Int32Array 'neighbourStart' and 'neighbourItem' and Float32Array 'similarity'",
      );
    }
    const neighbours = checkedNeighbours({ start, item, similarity }, nItems);
    return new ItemKnnScorer({ neighbours, cooccurrence: storedCooccurrence(arrays, nItems) }, params);
  },
};
