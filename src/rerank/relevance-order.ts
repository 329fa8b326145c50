import { inRelevanceOrder } from './rerank-pool.js';
import type { RerankPool, RerankResult } from './rerank-types.js';

/**
 * Shows a reranker's choice in relevance order: the same items, each below every chosen item the model
 * ranks higher. For an objective over the list as a set (calibration's genre mix, a tail or creator
 * share, coverage) the order is free, and the model's order loses the least discounted gain when its
 * scores rank the chance of relevance (the probability ranking principle, Robertson 1977).
 * The result says what it did in `detail.order`; the same items count as promoted, in their new order.
 */
export function inPoolRelevanceOrder(pool: RerankPool, result: RerankResult): RerankResult {
  const indexOf = new Map(pool.items.map((column, i) => [column, i]));
  const chosen = result.items.map((column) => {
    const index = indexOf.get(column);
    if (index === undefined) throw new Error(`result item ${column} is not in the pool`);
    return index;
  });
  const items = Array.from(inRelevanceOrder(chosen, pool.relevance), (index) => pool.items[index] as number);
  const promoted = new Set(result.promoted);
  return {
    items,
    promoted: items.filter((column) => promoted.has(column)),
    detail: { ...result.detail, order: 'relevance' },
  };
}
