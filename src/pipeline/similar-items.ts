import { anchorColumn, checkLimit, type ServedSlate, type ServingDeps, serveSlate } from './serve-slate.js';
import { candidates } from './stages/candidates.js';
import { explanations } from './stages/explanations.js';
import { maturityFilter } from './stages/maturity-filter.js';
import { safetyFilter } from './stages/safety-filter.js';
import { truncate } from './stages/truncate.js';
import type { ServingCatalog } from './serving-catalog.js';
import type { ViewerContext } from './viewer-context.js';

export interface SimilarItemsRequest {
  itemId: string;
  limit: number;
  /** The caller's audience limit (see viewer-context.ts maxAudienceLevelFor). */
  maxAudienceLevel: number;
}

export type SimilarItemsResult = ServedSlate;

/**
 * Items similar to one item, for its page: the model's scores from a one-item history (the item itself
 * excluded), or, without a model or for an item the model has not seen, popular items sharing a genre
 * with it. Maturity-filtered for the caller; uses nothing about the caller but that limit, so nothing is
 * filtered as seen and no consent is needed. Throws PipelineError for an unknown item or a bad limit.
 */
export function similarItems(request: SimilarItemsRequest, deps: ServingDeps): SimilarItemsResult {
  checkLimit(request.limit);
  const anchor = anchorColumn(deps.catalog, request.itemId);
  return serveSlate(
    {
      surface: 'detail',
      limit: request.limit,
      anchor,
      viewer: itemPageViewer(deps.catalog, request.maxAudienceLevel),
    },
    deps,
    (poolSize) => [
      candidates({ poolSize }),
      maturityFilter(),
      safetyFilter(),
      truncate({ limit: request.limit }),
      explanations(),
    ],
  );
}

/** A viewer context that carries only an audience limit: no subject, no history, no profiling. */
function itemPageViewer(catalog: ServingCatalog, maxAudienceLevel: number): ViewerContext {
  return {
    subjectId: null,
    profileKind: null,
    maxAudienceLevel,
    consent: { personalization: false, source: 'not applicable: no viewer data is used', version: 0 },
    nonProfiling: true,
    history: { items: new Int32Array(0) },
    historyUsed: false,
    catalogSerial: catalog.serial,
  };
}
