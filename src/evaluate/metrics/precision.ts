import { hitsAt, rankingMetric } from './ranking-metric.js';

/** Precision at k: hits in the top k over k (over k even when the list is shorter). */
export const precision = rankingMetric('precision', (ranked, truth, k) => hitsAt(ranked, truth, k) / k);
