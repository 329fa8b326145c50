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
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';

/**
 * Calibrated recommendations (Steck 2018, "Calibrated Recommendations", RecSys): the list's genre
 * distribution q(g|list) should match the viewer's history distribution p(g|u). Miscalibration is
 * KL(p || q~) with q~ = (1 - alpha) q + alpha p, which stays finite when the list misses a genre the
 * viewer watches. Each item spreads weight 1 evenly over its distinct genres; items without genres add
 * nothing to either distribution.
 */

/** Steck's alpha: just enough of p mixed into q to keep KL finite. */
export const CALIBRATION_ALPHA = 0.01;

export const calibrationParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.5, 'calibration (KL)'),
});

export type CalibrationParams = z.output<typeof calibrationParamsSchema>;
export type CalibrationParamsInput = z.input<typeof calibrationParamsSchema>;

export function parseCalibrationParams(input: CalibrationParamsInput): CalibrationParams {
  return parseRerankParams(calibrationParamsSchema, input, 'calibration');
}

function distinctGenres(features: ItemFeatures, column: number, field: string): number[] {
  if (!Number.isInteger(column) || column < 0 || column >= features.genres.length) {
    throw new Error(`${field} = ${column} is not a column of features.genres (${features.genres.length})`);
  }
  const genres = [...new Set(features.genres[column])];
  for (const genre of genres) {
    if (!Number.isInteger(genre) || genre < 0 || genre >= features.genreCount) {
      throw new Error(`features.genres[${column}] has genre ${genre} outside 0..${features.genreCount - 1}`);
    }
  }
  return genres;
}

/** p(g | columns), weighted; null when no column carries a genre (or all weights are 0). */
function genreDistribution(
  columns: readonly number[],
  features: ItemFeatures,
  field: string,
  weights?: readonly number[],
): Float64Array | null {
  if (weights && weights.length !== columns.length) {
    throw new Error(`${field} has ${columns.length} items but ${weights.length} weights`);
  }
  const distribution = new Float64Array(features.genreCount);
  let total = 0;
  for (let i = 0; i < columns.length; i += 1) {
    const genres = distinctGenres(features, columns[i] as number, `${field}[${i}]`);
    const weight = weights ? (weights[i] as number) : 1;
    if (!Number.isFinite(weight) || weight < 0) {
      throw new Error(`${field} weight ${i} = ${weight} is not a finite non-negative number`);
    }
    if (genres.length === 0) continue;
    total += weight;
    for (const genre of genres)
      distribution[genre] = (distribution[genre] as number) + weight / genres.length;
  }
  if (total === 0) return null;
  for (let genre = 0; genre < distribution.length; genre += 1) {
    distribution[genre] = (distribution[genre] as number) / total;
  }
  return distribution;
}

/** KL(p || (1 - alpha) q + alpha p); a list without genres (q null) counts as q = 0. */
function klToMixture(p: Float64Array, q: Float64Array | null): number {
  let kl = 0;
  for (let genre = 0; genre < p.length; genre += 1) {
    const target = p[genre] as number;
    if (target === 0) continue;
    const mixed = (1 - CALIBRATION_ALPHA) * (q ? (q[genre] as number) : 0) + CALIBRATION_ALPHA * target;
    kl += target * Math.log(target / mixed);
  }
  return kl;
}

/**
 * Steck's miscalibration of a list for a viewer: KL(p || q~) in nats, with `weights` on the history. NaN
 * when the history carries no genre, since p is then undefined.
 */
export function calibrationKl(
  historyColumns: readonly number[],
  listColumns: readonly number[],
  features: ItemFeatures,
  weights?: readonly number[],
): number {
  const p = genreDistribution(historyColumns, features, 'history', weights);
  if (!p) return Number.NaN;
  return klToMixture(p, genreDistribution(listColumns, features, 'list'));
}

/**
 * Steck's greedy: each step adds the item maximizing (1 - lambda) * rel'(i) - lambda * KL(p || q~(chosen
 * + i)); the chosen items' relevance sum is the same for every candidate, so only rel'(i) is compared.
 * Written over unnormalized genre mass Q and list weight W, KL = sum p log p + log W' - sum_g p(g)
 * log((1 - alpha) Q'(g) + alpha W' p(g)): every candidate with genres shares W' = W + 1, so each step
 * computes the sum once and a candidate only corrects the terms of its own genres.
 * A history without genres has no target: the relevance order is kept and the KL figures are null.
 */
export function calibrate(
  pool: RerankPool,
  features: ItemFeatures,
  params: CalibrationParamsInput,
  history: ViewerHistory,
): RerankResult {
  const { k, lambda } = parseCalibrationParams(params);
  checkPool(pool, features.genres.length, 'features.genres');
  const p = genreDistribution(history.items, features, 'history.items', history.weights);
  const size = pool.items.length;
  const n = Math.min(k, size);
  const relevance = pool.relevance;
  const before = relevanceOrder(relevance).subarray(0, n);
  const columnsOf = (indices: ArrayLike<number>) =>
    Array.from(indices, (index) => pool.items[index] as number);
  const promotedOf = (indices: Int32Array) => columnsOf(indices.filter((index) => index >= k));
  if (!p) {
    return {
      items: columnsOf(before),
      promoted: promotedOf(before),
      detail: { lambda, klBefore: null, klAfter: null },
    };
  }

  const scaled = scaledRelevance(relevance);
  const poolGenres = pool.items.map((column, i) => distinctGenres(features, column, `pool.items[${i}]`));
  const support = Int32Array.from(p.keys()).filter((genre) => (p[genre] as number) > 0);
  let pLogP = 0;
  for (const genre of support) pLogP += (p[genre] as number) * Math.log(p[genre] as number);
  const alpha = CALIBRATION_ALPHA;
  const mass = new Float64Array(features.genreCount);
  const termOf = new Float64Array(features.genreCount);
  let listWeight = 0;
  let current = -Math.log(alpha);
  const taken = new Uint8Array(size);

  const chosen = new Int32Array(n);
  for (let position = 0; position < n; position += 1) {
    const grown = listWeight + 1;
    let terms = 0;
    for (const genre of support) {
      const target = p[genre] as number;
      termOf[genre] = target * Math.log((1 - alpha) * (mass[genre] as number) + alpha * grown * target);
      terms += termOf[genre] as number;
    }
    let best = -1;
    let bestScore = -Infinity;
    let bestKl = current;
    for (let i = 0; i < size; i += 1) {
      if (taken[i] === 1) continue;
      const genres = poolGenres[i] as number[];
      let kl = current;
      if (genres.length > 0) {
        let sum = terms;
        const share = 1 / genres.length;
        for (const genre of genres) {
          const target = p[genre] as number;
          if (target === 0) continue;
          const grownMass = (1 - alpha) * ((mass[genre] as number) + share) + alpha * grown * target;
          sum += target * Math.log(grownMass) - (termOf[genre] as number);
        }
        kl = pLogP + Math.log(grown) - sum;
      }
      const score = (1 - lambda) * (scaled[i] as number) - lambda * kl;
      if (beatsBest(score, i, bestScore, best, relevance)) {
        best = i;
        bestScore = score;
        bestKl = kl;
      }
    }
    chosen[position] = best;
    taken[best] = 1;
    const genres = poolGenres[best] as number[];
    for (const genre of genres) mass[genre] = (mass[genre] as number) + 1 / genres.length;
    if (genres.length > 0) listWeight = grown;
    current = bestKl;
  }

  const listKl = (indices: ArrayLike<number>) =>
    klToMixture(p, genreDistribution(columnsOf(indices), features, 'list'));
  return {
    items: columnsOf(chosen),
    promoted: promotedOf(chosen),
    detail: { lambda, klBefore: listKl(before), klAfter: listKl(chosen) },
  };
}
