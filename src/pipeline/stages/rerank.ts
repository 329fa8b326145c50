import type { RerankerPolicy } from '../../config/serving-policy.js';
import { runRerankerPolicy } from '../../rerank/policy-reranker.js';
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from '../../rerank/rerank-types.js';
import type { PipelineContext } from '../pipeline-context.js';
import type { ServingCatalog } from '../serving-catalog.js';
import { nextSlate, type Reason, type Slate, type SlateItem } from '../slate.js';

const features = new WeakMap<ServingCatalog, ItemFeatures>();

/** The catalog facts rerankers read, built once per serving catalog. */
export function rerankFeaturesOf(catalog: ServingCatalog): ItemFeatures {
  let built = features.get(catalog);
  if (!built) {
    built = {
      genres: catalog.genreIndices,
      genreCount: catalog.genreIds.length,
      popularity: catalog.viewers,
      underrepresented: catalog.underrepresented,
    };
    features.set(catalog, built);
  }
  return built;
}

function historyOf(ctx: PipelineContext): ViewerHistory {
  const { items, weights } = ctx.viewer.history;
  return { items: Array.from(items), ...(weights ? { weights: Array.from(weights) } : {}) };
}

function run(policy: RerankerPolicy, pool: RerankPool, k: number, ctx: PipelineContext): RerankResult {
  return runRerankerPolicy(policy, pool, k, {
    features: rerankFeaturesOf(ctx.catalog),
    history: () => historyOf(ctx),
    deficit: ctx.exposureDeficit,
    ...(ctx.servedExposure ? { exposure: ctx.servedExposure } : {}),
  });
}

function reasonFor(policy: RerankerPolicy, item: SlateItem, ctx: PipelineContext): Reason {
  const candidateRank = item.candidateRank;
  switch (policy.kind) {
    case 'diversity':
      return { kind: 'diversity-pick', candidateRank };
    case 'calibration':
      return { kind: 'calibration-pick', candidateRank };
    case 'popularity-debias':
    case 'tail-boost':
      return { kind: 'long-tail-pick', candidateRank };
    case 'exposure-rotation':
      return { kind: 'rotation-pick', candidateRank };
    case 'fair-exposure':
      return { kind: 'fair-exposure-boost', candidateRank };
    case 'exploration-slot':
      return { kind: 'exploration-pick', candidateRank, genreIds: ctx.catalog.genres[item.column] ?? [] };
  }
}

/**
 * A reranker of the policy as a pipeline stage. The slate, in its current order, is the pool; the
 * reranker chooses the first `limit` items, and the rest of the pool follows in its previous order (so a
 * later reranker still has candidates to choose from). Items the reranker brought in from below the list
 * carry its reason; the exploration slot's pick always does (it is labelled wherever it came from).
 * Relevance is the candidates' score: for the rerankers that trade it off (diversity, calibration,
 * popularity debiasing, tail boost), which the policy allows only first, that is the model's own order.
 */
export const rerank = (policy: RerankerPolicy, limit: number) =>
  function rerank(slate: Slate, ctx: PipelineContext): Slate {
    const reach =
      'pool' in policy && policy.pool !== undefined ? Math.max(policy.pool, limit) : slate.items.length;
    const considered = slate.items.length > reach ? slate.items.slice(0, reach) : slate.items;
    const pool: RerankPool = {
      items: considered.map((item) => item.column),
      relevance: considered.map((item) => item.score),
    };
    const result = run(policy, pool, limit, ctx);
    const byColumn = new Map(slate.items.map((item) => [item.column, item]));
    const labelled = new Set(result.promoted);
    if (policy.kind === 'exploration-slot' && typeof result.detail.picked === 'number')
      labelled.add(result.detail.picked);
    const chosen = new Set(result.items);
    const items: SlateItem[] = [];
    let positionsChanged = 0;
    for (const [at, column] of result.items.entries()) {
      const item = byColumn.get(column) as SlateItem;
      if (slate.items[at]?.column !== column) positionsChanged += 1;
      items.push(
        labelled.has(column) ? { ...item, reasons: [...item.reasons, reasonFor(policy, item, ctx)] } : item,
      );
    }
    for (const item of slate.items) if (!chosen.has(item.column)) items.push(item);
    const { kind, surfaces: _surfaces, ...policyParams } = policy;
    // The carried shortfall is an input like the parameters: the record needs it to re-run the list.
    const params =
      policy.kind === 'fair-exposure'
        ? { ...policyParams, carriedDeficit: policy.amortize ? ctx.exposureDeficit : 0 }
        : policyParams;
    return nextSlate(slate, items, {
      stage: 'rerank',
      changed: {
        reranker: kind,
        params,
        promotedItemIds: [...labelled].map((column) => ctx.catalog.itemIds[column] as string),
        positionsChanged,
        detail: withItemIds(result.detail, ctx.catalog),
      },
    });
  };

/** Reranker details name catalog columns; records outlive a catalog build, so they name item ids. */
function withItemIds(
  detail: RerankResult['detail'],
  catalog: ServingCatalog,
): Readonly<Record<string, number | boolean | string | null>> {
  if (!('picked' in detail) || typeof detail.picked !== 'number') return detail;
  return { ...detail, picked: catalog.itemIds[detail.picked] as string };
}
