import type { ServingPolicy } from '../config/serving-policy.js';
import type { ConsentState } from './consent-state.js';
import type { Stage, Surface } from './pipeline-context.js';
import { PipelineError } from './pipeline-error.js';
import { anchorColumn, checkLimit, type ServedSlate, type ServingDeps, serveSlate } from './serve-slate.js';
import { candidates } from './stages/candidates.js';
import { explanations } from './stages/explanations.js';
import { rerank } from './stages/rerank.js';
import { maturityFilter } from './stages/maturity-filter.js';
import { safetyFilter } from './stages/safety-filter.js';
import { seenFilter } from './stages/seen-filter.js';
import { dismissedFilter } from './stages/dismissed-filter.js';
import { truncate } from './stages/truncate.js';
import type { ViewerContext } from './viewer-context.js';

export interface RecommendRequest {
  /** `search` is served like `home` for now (recommendations beside search results). */
  surface: Surface;
  limit: number;
  /** Detail surface only: the item whose page this is; its similar items are recommended. */
  itemId?: string | undefined;
  viewer: ViewerContext;
}

export type RecommendDeps = ServingDeps;

export interface RecommendResult extends ServedSlate {
  surface: Surface;
  /** The consent the response was made under, for its decision record. */
  consent: ConsentState;
}

/**
 * The stages in order: candidates, filters, the policy's rerankers that apply to the surface (in the
 * policy's order), truncate, explanations.
 */
export const recommendationStages = (
  limit: number,
  poolSize: number,
  policy: ServingPolicy,
  surface: Surface,
): Stage[] => [
  candidates({ poolSize }),
  maturityFilter(),
  safetyFilter(),
  seenFilter(),
  dismissedFilter(),
  ...policy.ranking.rerankers
    .filter((reranker) => reranker.surfaces.includes(surface))
    .map((reranker) => rerank(reranker, limit)),
  truncate({ limit }),
  explanations(),
];

/**
 * Recommendations for one viewer on one surface. Pure and synchronous once the viewer context is loaded:
 * the stages read only the model, the catalog index and the context. Throws PipelineError for a bad
 * limit, a detail request without an item, an item id on another surface, or an unknown item.
 */
export function recommend(request: RecommendRequest, deps: RecommendDeps): RecommendResult {
  checkLimit(request.limit);
  let anchor: number | null = null;
  if (request.surface === 'detail') anchor = anchorColumn(deps.catalog, request.itemId);
  else if (request.itemId !== undefined)
    throw new PipelineError('invalid-request', 'itemId', `itemId applies to the detail surface only`);
  const served = serveSlate(
    { surface: request.surface, limit: request.limit, anchor, viewer: request.viewer },
    deps,
    (poolSize) => recommendationStages(request.limit, poolSize, deps.policy.policy, request.surface),
  );
  return { ...served, surface: request.surface, consent: request.viewer.consent };
}
