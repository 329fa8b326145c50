import { rankingMetric } from './ranking-metric.js';

/** Reciprocal rank at k (its mean over users is MRR@k): 1 / rank of the first hit in the top k, 0 if none. */
export const reciprocalRank = rankingMetric('mrr', (ranked, truth, k) => {
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r += 1) if (truth.has(ranked[r] as number)) return 1 / (r + 1);
  return 0;
});
