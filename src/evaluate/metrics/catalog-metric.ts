import { type InteractionMatrix, itemCounts } from '../../models/interaction-matrix.js';
import { type TopKLists, listAt } from '../top-k-lists.js';

/** What beyond-accuracy metrics know about the catalog, all from the training data. */
export interface CatalogContext {
  readonly nItems: number;
  /** Distinct train users per item. */
  readonly popularity: Float64Array;
  /** Users with at least one train item. */
  readonly nTrainUsers: number;
  /** Genre indices of each item (distinct); items past the end have none. */
  readonly itemGenres?: readonly ArrayLike<number>[];
}

/**
 * A metric over all users' top-k lists at once (coverage, exposure, popularity, diversity). Empty lists
 * are ignored; a metric with nothing to average is NaN.
 */
export interface CatalogMetric<Label extends string = string, Value = number> {
  readonly label: Label;
  measure(lists: TopKLists, context: CatalogContext): Value;
}

export function catalogContext(
  train: InteractionMatrix,
  itemGenres?: readonly ArrayLike<number>[],
): CatalogContext {
  let nTrainUsers = 0;
  for (let u = 0; u < train.nUsers; u += 1) {
    if ((train.rowStart[u + 1] as number) > (train.rowStart[u] as number)) nTrainUsers += 1;
  }
  const context = { nItems: train.nItems, popularity: itemCounts(train), nTrainUsers };
  return itemGenres ? { ...context, itemGenres } : context;
}

/** How many lists each item appears in. */
export function exposureCounts(lists: TopKLists): Float64Array {
  const counts = new Float64Array(lists.nItems);
  for (let i = 0; i < lists.users.length; i += 1) {
    for (const item of listAt(lists, i)) counts[item] = (counts[item] as number) + 1;
  }
  return counts;
}

/** The mean of a per-list value over lists of at least `minLength` items (NaN when there are none). */
export function meanOverLists(
  lists: TopKLists,
  valueOf: (list: Int32Array) => number,
  minLength = 1,
): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < lists.users.length; i += 1) {
    const list = listAt(lists, i);
    if (list.length < minLength) continue;
    sum += valueOf(list);
    n += 1;
  }
  return sum / n;
}
