import { selectTopK } from '../../evaluate/top-k.js';
import { historyOf, matrixFromTriplets } from '../../models/interaction-matrix.js';
import type { LoadedModel } from '../../models/load-model.js';
import type { DatasetEvents } from '../../models/dataset-events.js';

export interface ExposedItem {
  itemId: string;
  /** Lists (one per viewer scored) the item appeared in. */
  lists: number;
}

export interface ExposedItems {
  viewersScored: number;
  items: ExposedItem[];
}

/** Scoring yields to the event loop this often, so a server keeps answering during a gate. */
const YIELD_EVERY = 64;

/**
 * The items a fitted version would put in front of viewers: every viewer's top k from their full
 * history (the version as it would serve, not a refit), counted over lists, most exposed first, the
 * first `limit` kept. Up to `maxViewers` viewers are scored, spread evenly over the store.
 */
export async function mostExposedItems(
  model: LoadedModel,
  events: DatasetEvents,
  options: { k: number; limit: number; maxViewers: number },
): Promise<ExposedItems> {
  const column = new Map(model.itemIds.map((id, index) => [id, index]));
  const users: number[] = [];
  const items: number[] = [];
  for (let e = 0; e < events.users.length; e += 1) {
    // Items added to the catalog after training are unknown to the version: it cannot show them.
    const item = column.get(events.itemIds[events.items[e] as number] as string);
    if (item === undefined) continue;
    users.push(events.users[e] as number);
    items.push(item);
  }
  const nUsers = events.userIds.length;
  const matrix = matrixFromTriplets(nUsers, model.itemIds.length, users, items);
  const count = Math.min(options.maxViewers, nUsers);
  const exposure = new Int32Array(model.itemIds.length);
  const scores = new Float32Array(model.itemIds.length);
  const list = new Int32Array(options.k);
  for (let s = 0; s < count; s += 1) {
    if (s % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    const history = historyOf(matrix, Math.floor((s * nUsers) / count));
    const length = selectTopK(model.scorer.score(history, scores), options.k, history.items, list);
    for (let r = 0; r < length; r += 1) {
      const item = list[r] as number;
      exposure[item] = (exposure[item] as number) + 1;
    }
  }
  const ranked: ExposedItem[] = [];
  exposure.forEach((lists, item) => {
    if (lists > 0) ranked.push({ itemId: model.itemIds[item] as string, lists });
  });
  ranked.sort((a, b) => b.lists - a.lists || a.itemId.localeCompare(b.itemId));
  return { viewersScored: count, items: ranked.slice(0, options.limit) };
}
