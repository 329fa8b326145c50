export { evaluateScorer, type EvaluateOptions } from './evaluate-scorer.js';
export type { BeyondAccuracy, EvaluationReport, EvaluationSizes, MetricValues } from './evaluation-report.js';
export { selectTopK, topK } from './top-k.js';
export { listAt, topKListsOf, type TopKLists } from './top-k-lists.js';

export { averagePopularity } from './metrics/average-popularity.js';
export { averagePrecision } from './metrics/average-precision.js';
export {
  catalogContext,
  exposureCounts,
  type CatalogContext,
  type CatalogMetric,
} from './metrics/catalog-metric.js';
export { catalogCoverage } from './metrics/catalog-coverage.js';
export { distributionalCoverage, type Entropy } from './metrics/distributional-coverage.js';
export { exposureGini } from './metrics/exposure-gini.js';
export { hitRate } from './metrics/hit-rate.js';
export { intraListDiversity, jaccardDistance } from './metrics/intra-list-diversity.js';
export { longTailShare, shortHead, SHORT_HEAD_SHARE } from './metrics/long-tail-share.js';
export { RANKING_METRICS, type RankingLabel } from './metrics/metric-sets.js';
export { ndcg } from './metrics/ndcg.js';
export { novelty } from './metrics/novelty.js';
export { precision } from './metrics/precision.js';
export { hitsAt, rankingMetric, type RankingMetric, type Truth } from './metrics/ranking-metric.js';
export { recall } from './metrics/recall.js';
export { reciprocalRank } from './metrics/reciprocal-rank.js';

export {
  historyMatrixOf,
  type EvaluationSplit,
  type StrongGeneralizationSplit,
} from './splits/evaluation-split.js';
export {
  eventsFromMatrix,
  pairMatrix,
  type InteractionEvents,
  type SplitSource,
  type TimedEvents,
} from './splits/interaction-events.js';
export { learningCount } from './splits/split-counts.js';
export { stratifiedSplit, type StratifiedSplitOptions } from './splits/stratified-split.js';
export {
  strongGeneralizationSplit,
  type StrongGeneralizationOptions,
} from './splits/strong-generalization-split.js';
export { temporalSplit, temporalTestCount, type TemporalSplitOptions } from './splits/temporal-split.js';
