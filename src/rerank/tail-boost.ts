import { z } from 'zod';
import { cachedHead, popularityDebiasParamsSchema, tailShare } from './popularity-debias.js';
import {
  checkPool,
  inRelevanceOrder,
  listLengthSchema,
  parseRerankParams,
  relevanceOrder,
  scaledRelevance,
  topByObjective,
  tradeOffSchema,
} from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult } from './rerank-types.js';

/**
 * Long-tail share by a constant tail bonus: each item is worth (1 - lambda) * rel'(i) + lambda * 1[i in
 * the long tail]. This is the linear objective of xQuAD (Santos, Macdonald & Ounis 2010) and of
 * Abdollahpouri, Burke & Mobasher 2019 (popularity-debias.ts) without the diminishing return: every tail
 * item keeps its bonus, so the list's tail share grows with lambda instead of stopping at one tail item.
 * A tail item replaces a head item only when the head item is at most lambda / (1 - lambda) more relevant
 * (on the pool's min-max scale).
 *
 * The objective decomposes by item, so the k best are taken at once, then shown in relevance order: the
 * bonus decides which items are shown, never lifts a tail item above a more relevant one on the list.
 */

export const tailBoostParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.2, 'long-tail items'),
  headShare: popularityDebiasParamsSchema.shape.headShare,
});

export type TailBoostParams = z.output<typeof tailBoostParamsSchema>;
export type TailBoostParamsInput = z.input<typeof tailBoostParamsSchema>;

export function parseTailBoostParams(input: TailBoostParamsInput): TailBoostParams {
  return parseRerankParams(tailBoostParamsSchema, input, 'tail boost');
}

export function tailBoost(
  pool: RerankPool,
  features: ItemFeatures,
  params: TailBoostParamsInput,
): RerankResult {
  const { k, lambda, headShare } = parseTailBoostParams(params);
  const head = cachedHead(features.popularity, headShare);
  checkPool(pool, head.length, 'features.popularity');
  const size = pool.items.length;
  const n = Math.min(k, size);
  const scaled = scaledRelevance(pool.relevance);
  const isHead = Uint8Array.from(pool.items, (column) => head[column] as number);
  const objective = Float64Array.from(
    scaled,
    (relevance, i) => (1 - lambda) * relevance + (isHead[i] === 1 ? 0 : lambda),
  );
  const chosen = inRelevanceOrder(topByObjective(objective, pool.relevance, n), pool.relevance);
  return {
    items: Array.from(chosen, (index) => pool.items[index] as number),
    promoted: Array.from(
      chosen.filter((index) => index >= k),
      (index) => pool.items[index] as number,
    ),
    detail: {
      lambda,
      tailShareBefore: tailShare(relevanceOrder(pool.relevance).subarray(0, n), isHead),
      tailShareAfter: tailShare(chosen, isHead),
    },
  };
}
