import { z } from 'zod';
import {
  beatsBest,
  checkPool,
  listLengthSchema,
  parseRerankParams,
  relevanceOrder,
  scaledRelevance,
  tradeOffSchema,
} from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult } from './rerank-types.js';

/**
 * Genre diversity by Maximal Marginal Relevance (Carbonell & Goldstein 1998, "The use of MMR,
 * diversity-based reranking for reordering documents and producing summaries"): each position takes the
 * item that best trades its relevance against its similarity to the items already chosen.
 *
 * Similarity is the Jaccard index of genre sets, not cosine: the offline benchmark's intra-list diversity
 * is mean Jaccard distance (evaluate/metrics/intra-list-diversity.ts), so the reranker lowers exactly the
 * quantity that is reported. An item without genres is similar to nothing (0), even to another such item:
 * missing metadata is not evidence of sameness.
 */

export const mmrParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.3, 'diversity'),
});

export type MmrParams = z.output<typeof mmrParamsSchema>;
export type MmrParamsInput = z.input<typeof mmrParamsSchema>;

export function parseMmrParams(input: MmrParamsInput): MmrParams {
  return parseRerankParams(mmrParamsSchema, input, 'mmr');
}

/** The distinct genres of each pool item, flattened: item i owns genres[start[i] .. start[i + 1]). */
interface GenreSets {
  readonly start: Int32Array;
  readonly genres: Int32Array;
}

function genreSetsOf(items: readonly number[], features: ItemFeatures): GenreSets {
  const start = new Int32Array(items.length + 1);
  const flat: number[] = [];
  const stamp = new Int32Array(features.genreCount);
  for (let i = 0; i < items.length; i += 1) {
    const column = items[i] as number;
    for (const genre of features.genres[column] ?? []) {
      if (!Number.isInteger(genre) || genre < 0 || genre >= features.genreCount) {
        throw new Error(
          `features.genres[${column}] has genre ${genre} outside 0..${features.genreCount - 1}`,
        );
      }
      if (stamp[genre] === i + 1) continue;
      stamp[genre] = i + 1;
      flat.push(genre);
    }
    start[i + 1] = flat.length;
  }
  return { start, genres: Int32Array.from(flat) };
}

/**
 * Jaccard similarity of item `other`'s genres to the genres flagged in `marked` (`markedSize` of them).
 * Marking one side turns the set intersection into a scan of the other side.
 */
function similarityToMarked(sets: GenreSets, other: number, marked: Uint8Array, markedSize: number): number {
  const from = sets.start[other] as number;
  const to = sets.start[other + 1] as number;
  let shared = 0;
  for (let at = from; at < to; at += 1) shared += marked[sets.genres[at] as number] as number;
  const union = markedSize + (to - from) - shared;
  return union === 0 ? 0 : shared / union;
}

function mark(sets: GenreSets, index: number, marked: Uint8Array, value: 0 | 1): number {
  const from = sets.start[index] as number;
  const to = sets.start[index + 1] as number;
  for (let at = from; at < to; at += 1) marked[sets.genres[at] as number] = value;
  return to - from;
}

/** Mean Jaccard similarity over the pairs of a list of pool indices; null below two items. */
function meanPairwiseSimilarity(sets: GenreSets, list: ArrayLike<number>, marked: Uint8Array): number | null {
  if (list.length < 2) return null;
  let total = 0;
  for (let a = 0; a < list.length; a += 1) {
    const size = mark(sets, list[a] as number, marked, 1);
    for (let b = a + 1; b < list.length; b += 1)
      total += similarityToMarked(sets, list[b] as number, marked, size);
    mark(sets, list[a] as number, marked, 0);
  }
  return total / ((list.length * (list.length - 1)) / 2);
}

/**
 * Greedy MMR: position by position, the unchosen item maximizing
 * (1 - lambda) * rel'(i) - lambda * max_{j chosen} sim(i, j). The max-similarity of every candidate is
 * kept up to date after each pick, so a pick costs one pass over the pool.
 */
export function mmrDiversity(pool: RerankPool, features: ItemFeatures, params: MmrParamsInput): RerankResult {
  const { k, lambda } = parseMmrParams(params);
  checkPool(pool, features.genres.length, 'features.genres');
  const size = pool.items.length;
  const n = Math.min(k, size);
  const relevance = pool.relevance;
  const scaled = scaledRelevance(relevance);
  const sets = genreSetsOf(pool.items, features);
  const marked = new Uint8Array(features.genreCount);
  const maxSimilarity = new Float64Array(size);
  const taken = new Uint8Array(size);

  const chosen = new Int32Array(n);
  for (let position = 0; position < n; position += 1) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < size; i += 1) {
      if (taken[i] === 1) continue;
      const score = (1 - lambda) * (scaled[i] as number) - lambda * (maxSimilarity[i] as number);
      if (beatsBest(score, i, bestScore, best, relevance)) {
        best = i;
        bestScore = score;
      }
    }
    chosen[position] = best;
    taken[best] = 1;
    const pickedSize = mark(sets, best, marked, 1);
    for (let i = 0; i < size; i += 1) {
      if (taken[i] === 1) continue;
      const similarity = similarityToMarked(sets, i, marked, pickedSize);
      if (similarity > (maxSimilarity[i] as number)) maxSimilarity[i] = similarity;
    }
    mark(sets, best, marked, 0);
  }

  const items = Array.from(chosen, (index) => pool.items[index] as number);
  const promoted = Array.from(
    chosen.filter((index) => index >= k),
    (index) => pool.items[index] as number,
  );
  return {
    items,
    promoted,
    detail: {
      lambda,
      intraListSimilarityBefore: meanPairwiseSimilarity(
        sets,
        relevanceOrder(relevance).subarray(0, n),
        marked,
      ),
      intraListSimilarityAfter: meanPairwiseSimilarity(sets, chosen, marked),
    },
  };
}
