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
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';

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
 *
 * Two options spend a given tail share where it costs viewers least, which is the Lagrangian view of the
 * trade-off: one bonus for every viewer buys each tail place where it gives up the least relevance.
 * - `scale: 'model'` weighs the bonus against the model's own scores instead of each pool's min-max
 *   rescaling, so a bonus is the same relevance gap for every viewer (min-max stretches a viewer whose
 *   pool is flat and squeezes one with a clear favourite). For EASE a score is a predicted interaction,
 *   so lambda / (1 - lambda) is a difference in that prediction.
 * - `relevantPerHistoryItem` (rho) scales a viewer's bonus by IDCG(min(k, round(rho * history))) /
 *   IDCG(k): a viewer expected to like many unseen titles loses a smaller share of their list's value
 *   when one place goes to a less likely title (a list's worth is relative to its ideal, as in nDCG), so
 *   viewers with long histories get more of the tail and a viewer with a short one keeps the likeliest
 *   titles.
 */

export const tailBoostParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.2, 'long-tail items'),
  headShare: popularityDebiasParamsSchema.shape.headShare,
  scale: z
    .enum(['pool', 'model'])
    .default('pool')
    .describe(
      "what the bonus is weighed against: 'pool' rescales each pool's scores to [0, 1]; 'model' keeps the model's scores, so the bonus is the same gap for every viewer",
    ),
  relevantPerHistoryItem: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe(
      "when set, each viewer's bonus is scaled by the ideal DCG of round(this x history length) relevant titles (at most k) over that of k: longer histories get more of the tail",
    ),
});

export type TailBoostParams = z.output<typeof tailBoostParamsSchema>;
export type TailBoostParamsInput = z.input<typeof tailBoostParamsSchema>;

export function parseTailBoostParams(input: TailBoostParamsInput): TailBoostParams {
  return parseRerankParams(tailBoostParamsSchema, input, 'tail boost');
}

/** Ideal DCG of a list of k whose first `relevant` places hold a relevant item. */
function idealDcg(relevant: number, k: number): number {
  let sum = 0;
  for (let place = 1; place <= Math.min(relevant, k); place += 1) sum += 1 / Math.log2(place + 1);
  return sum;
}

/** The share of the full bonus a viewer gets: 1 without activity scaling. */
export function activityFactor(historyLength: number, k: number, relevantPerHistoryItem?: number): number {
  if (relevantPerHistoryItem === undefined) return 1;
  const expected = Math.max(1, Math.round(relevantPerHistoryItem * historyLength));
  return idealDcg(expected, k) / idealDcg(k, k);
}

export function tailBoost(
  pool: RerankPool,
  features: ItemFeatures,
  params: TailBoostParamsInput,
  history?: ViewerHistory,
): RerankResult {
  const { k, lambda, headShare, scale, relevantPerHistoryItem } = parseTailBoostParams(params);
  if (relevantPerHistoryItem !== undefined && history === undefined) {
    throw new Error('tail boost with relevantPerHistoryItem needs the viewer history');
  }
  const head = cachedHead(features.popularity, headShare);
  checkPool(pool, head.length, 'features.popularity');
  const size = pool.items.length;
  const n = Math.min(k, size);
  const relevance = scale === 'pool' ? scaledRelevance(pool.relevance) : pool.relevance;
  const isHead = Uint8Array.from(pool.items, (column) => head[column] as number);
  const bonus = lambda * activityFactor(history?.items.length ?? 0, k, relevantPerHistoryItem);
  const objective = Float64Array.from(
    relevance,
    (score, i) => (1 - lambda) * score + (isHead[i] === 1 ? 0 : bonus),
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
      ...(relevantPerHistoryItem === undefined ? {} : { bonus }),
      tailShareBefore: tailShare(relevanceOrder(pool.relevance).subarray(0, n), isHead),
      tailShareAfter: tailShare(chosen, isHead),
    },
  };
}
