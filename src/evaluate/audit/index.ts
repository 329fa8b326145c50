export {
  auditDatasetOf,
  NOT_CONSENTED,
  readAuditDataset,
  readGroundTruth,
  UNKNOWN,
  VIEWER_ATTRIBUTES,
  type AuditDataset,
  type AuditRecords,
  type CreatorGroup,
  type PlantedBiasTruth,
  type ReadAuditDatasetOptions,
  type ViewerAttribute,
  type ViewerAttributes,
} from './audit-dataset.js';
export {
  bootstrapMeanCi,
  bootstrapSettings,
  percentileInterval,
  quantileOfSorted,
  stratifiedResampleMeans,
  type BootstrapOptions,
} from './bootstrap.js';
export { dataBias, type DataBias, type Representation, type RepresentationGroup } from './data-bias.js';
export {
  defaultMinLeafSize,
  findErrorCohorts,
  type ErrorAnalysis,
  type ErrorAnalysisOptions,
  type ErrorCohort,
  type ViewerFeatures,
} from './error-analysis.js';
export {
  catalogExposure,
  exposureAudit,
  MID_SHARE,
  popularityBuckets,
  POPULARITY_BUCKETS,
  type CatalogExposure,
  type ExposureAudit,
  type ExposureGroup,
  type PopularityBucket,
} from './exposure-audit.js';
export {
  groupMetricFrame,
  INTERSECTION_SEPARATOR,
  intersectionLabels,
  OVERALL,
  parityRatio,
  type GroupMetricFrame,
  type GroupMetricFrameOptions,
  type GroupStat,
} from './group-metric-frame.js';
export {
  activityQuartiles,
  AUDIT_GROUPINGS,
  runAudit,
  UNDER_EXPOSURE_RATIO,
  type AuditGrouping,
  type AuditOptions,
  type AuditReport,
  type GroupFairness,
  type PlantedBiasCheck,
} from './run-audit.js';
export {
  rerankerTradeoffs,
  TRADEOFF_SURFACE,
  type RerankerTradeoffs,
  type TradeoffOptions,
  type TradeoffRow,
} from './reranker-tradeoffs.js';
