import { rankingMetric } from './ranking-metric.js';

/** Hit rate at k: 1 when any test item is in the top k, else 0. */
export const hitRate = rankingMetric('hitRate', (ranked, truth, k) => {
  const n = Math.min(k, ranked.length);
  for (let r = 0; r < n; r += 1) if (truth.has(ranked[r] as number)) return 1;
  return 0;
});
