import { rankingMetric } from './ranking-metric.js';

/** Discount of rank r (from 1): 1 / log2(r + 1). */
export function discount(rank: number): number {
  return 1 / Math.log2(rank + 1);
}

/**
 * Normalized discounted cumulative gain at k with binary gains: the sum of discount(rank) over the
 * hits in the top k, over the ideal sum, that of min(|truth|, k) hits at ranks 1, 2, ...
 */
export const ndcg = rankingMetric('ndcg', (ranked, truth, k) => {
  const n = Math.min(k, ranked.length);
  let dcg = 0;
  for (let r = 0; r < n; r += 1) if (truth.has(ranked[r] as number)) dcg += discount(r + 1);
  let ideal = 0;
  const nIdeal = Math.min(truth.size, k);
  for (let r = 1; r <= nIdeal; r += 1) ideal += discount(r);
  return dcg / ideal;
});
