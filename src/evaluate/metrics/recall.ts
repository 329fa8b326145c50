import { hitsAt, rankingMetric } from './ranking-metric.js';

/** Recall at k: hits in the top k over the number of the user's test items. */
export const recall = rankingMetric('recall', (ranked, truth, k) => hitsAt(ranked, truth, k) / truth.size);
