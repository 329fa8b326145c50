import { z } from 'zod';
import {
  checkPool,
  inRelevanceOrder,
  listLengthSchema,
  parseRerankParams,
  scaledRelevance,
  topByObjective,
  tradeOffSchema,
} from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult } from './rerank-types.js';

/**
 * Catalog coverage by rotating near-equal candidates through the lists. Aggregate diversity, the number of
 * distinct items shown across all viewers, is raised by re-ranking with a second criterion inside a band
 * of acceptable relevance (Adomavicius & Kwon 2012, "Improving aggregate recommendation diversity using
 * ranking-based techniques", IEEE TKDE). Here that criterion is the exposure each candidate has already
 * had, amortized across requests as in Biega et al. 2018 ("Equity of attention: amortizing individual
 * fairness in rankings", SIGIR): the caller keeps a tally of the lists each item was shown in, and an item
 * shown less than its uniform share is preferred to an equally relevant one shown more.
 *
 * Each item is worth (1 - lambda) * rel'(i) + lambda * fresh(i), fresh(i) = e / (e + shown(i)) with e the
 * uniform share (lists * k / catalog size): 1 for an item never shown, 1/2 at its uniform share, near 0
 * for an item in every list. The sum over the list decomposes by item, so the k best are taken at once,
 * then shown in relevance order: the rotation changes which items are shown, never lifts one above a more
 * relevant one.
 */

export const exposureRotationParamsSchema = z.strictObject({
  k: listLengthSchema,
  lambda: tradeOffSchema(0.3, 'fresh exposure (items shown less than their uniform share)'),
});

export type ExposureRotationParams = z.output<typeof exposureRotationParamsSchema>;
export type ExposureRotationParamsInput = z.input<typeof exposureRotationParamsSchema>;

export function parseExposureRotationParams(input: ExposureRotationParamsInput): ExposureRotationParams {
  return parseRerankParams(exposureRotationParamsSchema, input, 'exposure rotation');
}

/** How often each column has been shown: the caller's running tally (over a window, or since a start). */
export interface ExposureTally {
  /** Lists each column appeared in; indexed by column, as long as the catalog. */
  readonly shown: ArrayLike<number>;
  /** Lists served in the same period. */
  readonly lists: number;
}

function checkTally(tally: ExposureTally, columns: number): void {
  if (tally.shown.length !== columns) {
    throw new Error(`tally.shown has ${tally.shown.length} columns, the catalog ${columns}`);
  }
  if (!(Number.isFinite(tally.lists) && tally.lists >= 0)) {
    throw new Error(`tally.lists = ${tally.lists} is not a finite non-negative count`);
  }
}

/** fresh(i) = e / (e + shown(i)); an item never shown is fully fresh even before any list (0 / 0). */
function freshness(shown: number, uniform: number, where: string): number {
  if (!(Number.isFinite(shown) && shown >= 0))
    throw new Error(`${where} = ${shown} is not a finite non-negative count`);
  return shown === 0 ? 1 : uniform / (uniform + shown);
}

export function exposureRotation(
  pool: RerankPool,
  features: ItemFeatures,
  params: ExposureRotationParamsInput,
  tally: ExposureTally,
): RerankResult {
  const { k, lambda } = parseExposureRotationParams(params);
  const columns = features.popularity.length;
  checkPool(pool, columns, 'features.popularity');
  checkTally(tally, columns);
  const size = pool.items.length;
  const n = Math.min(k, size);
  const uniform = columns === 0 ? 0 : (tally.lists * k) / columns;
  const scaled = scaledRelevance(pool.relevance);
  const objective = new Float64Array(size);
  for (let i = 0; i < size; i += 1) {
    const column = pool.items[i] as number;
    const fresh = freshness(tally.shown[column] as number, uniform, `tally.shown[${column}]`);
    objective[i] = (1 - lambda) * (scaled[i] as number) + lambda * fresh;
  }
  const chosen = inRelevanceOrder(topByObjective(objective, pool.relevance, n), pool.relevance);
  const items = Array.from(chosen, (index) => pool.items[index] as number);
  let neverShown = 0;
  for (const column of items) if (tally.shown[column] === 0) neverShown += 1;
  return {
    items,
    promoted: Array.from(
      chosen.filter((index) => index >= k),
      (index) => pool.items[index] as number,
    ),
    detail: { lambda, uniformExposure: uniform, neverShown },
  };
}
