import { rankingMetric } from './ranking-metric.js';

/**
 * Average precision at k (its mean over users is MAP@k): the sum of precision@r over the ranks r of the
 * hits in the top k, over min(|truth|, k).
 */
export const averagePrecision = rankingMetric('map', (ranked, truth, k) => {
  const n = Math.min(k, ranked.length);
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < n; r += 1) {
    if (!truth.has(ranked[r] as number)) continue;
    hits += 1;
    sum += hits / (r + 1);
  }
  return sum / Math.min(truth.size, k);
});
