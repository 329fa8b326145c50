import { z } from 'zod';
import { SHORT_HEAD_SHARE, shortHead } from '../evaluate/metrics/long-tail-share.js';
import {
  beatsBest,
  checkPool,
  listLengthSchema,
  parseRerankParams,
  relevanceOrder,
  scaledRelevance,
  tradeOffSchema,
} from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';

/**
 * Long-tail promotion by personalized xQuAD (Abdollahpouri, Burke & Mobasher 2019, "Managing popularity
 * bias in recommender systems with personalized re-ranking", FLAIRS): the two aspects are the short head
 * and the long tail, and P(c|u) is the share of the viewer's history in each, so a viewer who watches the
 * tail gets more of it than one who does not.
 *
 * This is the paper's binary variant: P(i|c) = 1[i in c], and an aspect stops paying once the list holds
 * one of its items. It guarantees the tail a place near the top without reshuffling the rest of the list.
 */

/** The short head's share of all interactions, as in the paper and evaluate/metrics/long-tail-share.ts. */
export const DEFAULT_HEAD_SHARE = SHORT_HEAD_SHARE;

export const popularityDebiasParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.5, 'aspect coverage'),
  headShare: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_HEAD_SHARE)
    .describe('share of all interactions that the short head (the most popular items) accounts for'),
});

export type PopularityDebiasParams = z.output<typeof popularityDebiasParamsSchema>;
export type PopularityDebiasParamsInput = z.input<typeof popularityDebiasParamsSchema>;

export function parsePopularityDebiasParams(input: PopularityDebiasParamsInput): PopularityDebiasParams {
  return parseRerankParams(popularityDebiasParamsSchema, input, 'popularity debias');
}

/**
 * Flags the short head, by the offline metric's own rule (shortHead: the most popular columns until they
 * account for `headShare` of all interactions), so what the reranker promotes is what the benchmark counts
 * as tail. Checks the counts first: the metric trusts its training counts, a reranker's caller may not.
 */
export function headItems(popularity: ArrayLike<number>, headShare = DEFAULT_HEAD_SHARE): Uint8Array {
  if (!(headShare >= 0 && headShare <= 1)) throw new Error(`headShare must be in [0, 1], got ${headShare}`);
  for (let column = 0; column < popularity.length; column += 1) {
    const count = popularity[column] as number;
    if (!(count >= 0 && count < Infinity)) {
      throw new Error(`popularity[${column}] = ${count} is not a finite non-negative count`);
    }
  }
  return shortHead(popularity, headShare);
}

// Sorting the catalog costs milliseconds, a request has well under one, and popularity only changes with
// a new catalog snapshot: one head per (popularity array, share), treating the array as immutable.
const headCache = new WeakMap<ArrayLike<number>, Map<number, Uint8Array>>();

/** headItems, computed once per (popularity array, share): the array must not change afterwards. */
export function cachedHead(popularity: ArrayLike<number>, headShare: number): Uint8Array {
  let byShare = headCache.get(popularity);
  if (!byShare) {
    byShare = new Map();
    headCache.set(popularity, byShare);
  }
  let head = byShare.get(headShare);
  if (!head) {
    head = headItems(popularity, headShare);
    byShare.set(headShare, head);
  }
  return head;
}

/** P(tail | u): the weighted share of the history in the long tail; 1/2 when there is no history weight. */
function tailPreference(history: ViewerHistory, head: Uint8Array): number {
  const { items, weights } = history;
  if (weights && weights.length !== items.length) {
    throw new Error(`history.items has ${items.length} items but history.weights has ${weights.length}`);
  }
  let tail = 0;
  let total = 0;
  for (let i = 0; i < items.length; i += 1) {
    const column = items[i] as number;
    if (!Number.isInteger(column) || column < 0 || column >= head.length) {
      throw new Error(
        `history.items[${i}] = ${column} is not a column of features.popularity (${head.length})`,
      );
    }
    const weight = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(weight) || weight < 0) {
      throw new Error(`history.weights[${i}] = ${weight} is not a finite non-negative number`);
    }
    total += weight;
    if (head[column] === 0) tail += weight;
  }
  // Nothing known about the viewer: neither aspect is preferred, so the list still gets one of each.
  return total === 0 ? 0.5 : tail / total;
}

/** The share of `keys` (columns, or pool indices) whose `head` flag is 0; null for none. */
export function tailShare(keys: ArrayLike<number>, head: ArrayLike<number>): number | null {
  if (keys.length === 0) return null;
  let tail = 0;
  for (let at = 0; at < keys.length; at += 1) if (head[keys[at] as number] === 0) tail += 1;
  return tail / keys.length;
}

/**
 * Greedy xQuAD: each position takes the item maximizing (1 - lambda) * rel'(i) + lambda * sum_c P(c|u) *
 * 1[i in c] * prod_{j chosen} (1 - 1[j in c]). The product is 1 until the list covers aspect c, so two
 * flags replace it.
 */
export function popularityDebias(
  pool: RerankPool,
  features: ItemFeatures,
  params: PopularityDebiasParamsInput,
  history: ViewerHistory,
): RerankResult {
  const { k, lambda, headShare } = parsePopularityDebiasParams(params);
  const head = cachedHead(features.popularity, headShare);
  checkPool(pool, head.length, 'features.popularity');
  const preferTail = tailPreference(history, head);
  const size = pool.items.length;
  const n = Math.min(k, size);
  const relevance = pool.relevance;
  const scaled = scaledRelevance(relevance);
  const isHead = Uint8Array.from(pool.items, (column) => head[column] as number);
  const taken = new Uint8Array(size);
  let headCovered = false;
  let tailCovered = false;

  const chosen = new Int32Array(n);
  for (let position = 0; position < n; position += 1) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < size; i += 1) {
      if (taken[i] === 1) continue;
      const coverage = isHead[i] === 1 ? (headCovered ? 0 : 1 - preferTail) : tailCovered ? 0 : preferTail;
      const score = (1 - lambda) * (scaled[i] as number) + lambda * coverage;
      if (beatsBest(score, i, bestScore, best, relevance)) {
        best = i;
        bestScore = score;
      }
    }
    chosen[position] = best;
    taken[best] = 1;
    if (isHead[best] === 1) headCovered = true;
    else tailCovered = true;
  }

  const columnsOf = (indices: ArrayLike<number>) =>
    Array.from(indices, (index) => pool.items[index] as number);
  const items = columnsOf(chosen);
  return {
    items,
    promoted: columnsOf(chosen.filter((index) => index >= k)),
    detail: {
      lambda,
      viewerTailShare: preferTail,
      tailShareBefore: tailShare(columnsOf(relevanceOrder(relevance).subarray(0, n)), head),
      tailShareAfter: tailShare(items, head),
    },
  };
}
