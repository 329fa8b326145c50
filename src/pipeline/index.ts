export { CONSENT_ASSUMED_WITHOUT_RECORDS, type ConsentState } from './consent-state.js';
export { type DecisionRecordData, decisionRecordData } from './decision-record-data.js';
export { type PipelineContext, runStages, type Stage, SURFACES, type Surface } from './pipeline-context.js';
export { PipelineError, type PipelineErrorCode } from './pipeline-error.js';
export {
  type RecommendDeps,
  type RecommendRequest,
  type RecommendResult,
  recommend,
  recommendationStages,
} from './recommend.js';
export { type Lineage, MAX_LIMIT, type Recommendation, type ServingDeps } from './serve-slate.js';
export {
  buildServingCatalog,
  POPULARITY_MODEL_ID,
  ServingCatalog,
  type ServingCatalogRows,
} from './serving-catalog.js';
export {
  candidates,
  type CandidatesOptions,
  DEFAULT_POOL_SIZE,
  popularityBasis,
} from './stages/candidates.js';
export { type ExplanationsOptions, explanations } from './stages/explanations.js';
export { maturityFilter } from './stages/maturity-filter.js';
export { seenFilter } from './stages/seen-filter.js';
export { truncate, type TruncateOptions } from './stages/truncate.js';
export { type SimilarItemsRequest, type SimilarItemsResult, similarItems } from './similar-items.js';
export type {
  CandidatesChange,
  ItemOrigin,
  PopularityBasis,
  Reason,
  ReasonKind,
  Slate,
  SlateItem,
  StageName,
  StageTrace,
} from './slate.js';
export {
  createViewerContext,
  DEFAULT_HISTORY_LIMIT,
  loadViewerContext,
  type LoadViewerOptions,
  maxAudienceLevelFor,
  type ViewerContext,
  type ViewerContextInput,
  viewerContextOf,
  type ViewerSubject,
} from './viewer-context.js';
