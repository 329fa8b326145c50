import { averagePrecision } from './average-precision.js';
import { hitRate } from './hit-rate.js';
import { ndcg } from './ndcg.js';
import { precision } from './precision.js';
import { recall } from './recall.js';
import { reciprocalRank } from './reciprocal-rank.js';

/** The ranking metrics every evaluation reports, in report order. */
export const RANKING_METRICS = [precision, recall, ndcg, averagePrecision, reciprocalRank, hitRate] as const;

export type RankingLabel = (typeof RANKING_METRICS)[number]['label'];
