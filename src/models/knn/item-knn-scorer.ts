import type { InteractionMatrix, ItemHistory } from '../interaction-matrix.js';
import type { Algorithm, Contribution, Scorer } from '../recommender.js';
import { type ItemKnnParams, itemKnnParamsSchema } from './item-knn-params.js';
import { type ItemNeighbours, computeItemNeighbours } from './item-neighbours.js';

/**
 * Item-kNN: a viewer's score for item i is the sum of sim(j, i) over the history items j among i's
 * neighbours (binary: history weights are ignored). Scoring walks the lists the other way round (for each
 * history item, the items whose neighbour it is), built once from the stored lists.
 */
class ItemKnnScorer implements Scorer {
  readonly algorithm = 'itemknn';
  readonly nItems: number;
  private readonly sums: Float64Array;
  private readonly reverse: ItemNeighbours;

  constructor(private readonly neighbours: ItemNeighbours) {
    this.nItems = neighbours.start.length - 1;
    this.sums = new Float64Array(this.nItems);
    this.reverse = transposed(neighbours);
  }

  score(history: ItemHistory, out = new Float32Array(this.nItems)): Float32Array {
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

  weights() {
    const { start, item, similarity } = this.neighbours;
    return { neighbourStart: start, neighbourItem: item, similarity };
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
  const n = lists.start.length - 1;
  const start = new Int32Array(n + 1);
  for (const j of lists.item) start[j + 1] = (start[j + 1] as number) + 1;
  for (let j = 0; j < n; j += 1) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const next = start.slice(0, n);
  const item = new Int32Array(lists.item.length);
  const similarity = new Float32Array(lists.item.length);
  for (let i = 0; i < n; i += 1) {
    for (let e = lists.start[i] as number; e < (lists.start[i + 1] as number); e += 1) {
      const j = lists.item[e] as number;
      const at = next[j] as number;
      item[at] = i;
      similarity[at] = lists.similarity[e] as number;
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

export const itemKnnAlgorithm: Algorithm<typeof itemKnnParamsSchema> = {
  name: 'itemknn',
  description: 'item-based nearest neighbours: cosine similarity of items, each keeping its k most similar',
  paramsSchema: itemKnnParamsSchema,
  async fit(matrix: InteractionMatrix, params: ItemKnnParams, context) {
    return new ItemKnnScorer(await computeItemNeighbours(matrix, params, context));
  },
  load(arrays, _params, nItems) {
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
    return new ItemKnnScorer(checkedNeighbours({ start, item, similarity }, nItems));
  },
};
