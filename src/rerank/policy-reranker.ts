import type { RerankerPolicy } from '../config/serving-policy.js';
import { calibrate } from './calibration.js';
import { explorationSlot } from './exploration-slot.js';
import { type ExposureTally, exposureRotation } from './exposure-rotation.js';
import { fairExposure } from './fair-exposure.js';
import { mmrDiversity } from './mmr-diversity.js';
import { popularityDebias } from './popularity-debias.js';
import { inPoolRelevanceOrder } from './relevance-order.js';
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';
import { tailBoost } from './tail-boost.js';

/** What a policy's reranker reads besides the pool: catalog facts, the viewer, a carried shortfall. */
export interface PolicyRerankInputs {
  features: ItemFeatures;
  /** Read only by the rerankers that look at the viewer's history (built on demand). */
  history: () => ViewerHistory;
  /** Fair exposure's shortfall carried from the viewer's earlier lists (0 when not amortized). */
  deficit: number;
  /** What exposure rotation counts as shown so far; without one, nothing has been shown. */
  exposure?: ExposureTally;
}

/**
 * Runs one reranker as the serving policy configures it. The serving pipeline and the audit's
 * trade-off table both call this, so the table measures exactly what serving does with the policy.
 */
export function runRerankerPolicy(
  policy: RerankerPolicy,
  pool: RerankPool,
  k: number,
  { features, history, deficit, exposure }: PolicyRerankInputs,
): RerankResult {
  switch (policy.kind) {
    case 'diversity':
      return mmrDiversity(pool, features, { k, lambda: policy.lambda });
    case 'calibration': {
      const chosen = calibrate(pool, features, { k, lambda: policy.lambda }, history());
      return policy.reorder ? inPoolRelevanceOrder(pool, chosen) : chosen;
    }
    case 'popularity-debias':
      return popularityDebias(
        pool,
        features,
        { k, lambda: policy.lambda, headShare: policy.headShare },
        history(),
      );
    case 'tail-boost':
      return tailBoost(
        pool,
        features,
        {
          k,
          lambda: policy.lambda,
          headShare: policy.headShare,
          scale: policy.scale,
          ...(policy.relevantPerHistoryItem === undefined
            ? {}
            : { relevantPerHistoryItem: policy.relevantPerHistoryItem }),
        },
        policy.relevantPerHistoryItem === undefined ? undefined : history(),
      );
    case 'exposure-rotation':
      return exposureRotation(
        pool,
        features,
        { k, lambda: policy.lambda },
        exposure ?? { shown: new Float64Array(features.popularity.length), lists: 0 },
      );
    case 'fair-exposure':
      return fairExposure(pool, features, {
        k,
        target: policy.target,
        alpha: policy.alpha,
        adjustAlpha: policy.adjustAlpha,
        deficit: policy.amortize ? deficit : 0,
      });
    case 'exploration-slot': {
      const slot = policy.slot === undefined ? undefined : Math.min(policy.slot, k);
      return explorationSlot(
        pool,
        features,
        { k, usualGenreShare: policy.usualGenreShare, ...(slot === undefined ? {} : { slot }) },
        history(),
      );
    }
  }
}
