import { z } from 'zod';
import { checkPool, listLengthSchema, parseRerankParams } from './rerank-pool.js';
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';

/**
 * One "something new for you" pick from outside the viewer's usual genres, at a fixed slot. A single
 * labelled slot keeps exploration visible and cheap for the viewer instead of diluting the whole list,
 * while still widening what the viewer is shown (Chen et al. 2021, "Values of User Exploration in
 * Recommender Systems").
 */
export const explorationSlotParamsSchema = z
  .strictObject({
    k: listLengthSchema,
    slot: z
      .int()
      .min(1)
      .optional()
      .describe('1-based position of the exploration pick; the last position (k) when omitted'),
    usualGenreShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.8)
      .describe(
        "the viewer's usual genres are the fewest genres covering this share of their history's genre mass",
      ),
  })
  .superRefine((params, context) => {
    if (params.slot !== undefined && params.slot > params.k) {
      context.addIssue({ code: 'custom', path: ['slot'], message: `must be at most k (${params.k})` });
    }
  });

export type ExplorationSlotParams = z.output<typeof explorationSlotParamsSchema>;
export type ExplorationSlotParamsInput = z.input<typeof explorationSlotParamsSchema>;

export function parseExplorationSlotParams(input: ExplorationSlotParamsInput): ExplorationSlotParams {
  return parseRerankParams(explorationSlotParamsSchema, input, 'exploration slot');
}

function genresOf(features: ItemFeatures, column: number, where: string): readonly number[] {
  const genres = features.genres[column];
  if (!Number.isInteger(column) || column < 0 || genres === undefined) {
    throw new Error(`${where} = ${column} is not a column of features.genres (${features.genres.length})`);
  }
  for (const genre of genres) {
    if (!Number.isInteger(genre) || genre < 0 || genre >= features.genreCount) {
      throw new Error(
        `features.genres[${column}] holds genre ${genre}, outside 0..${features.genreCount - 1}`,
      );
    }
  }
  return genres;
}

/**
 * The fewest genres covering `share` of the history's genre mass, most massive first. Each history item
 * spreads its weight evenly over its genres, as in Steck 2018 ("Calibrated Recommendations"), so a
 * many-genre item does not count more than a single-genre one.
 */
export function usualGenres(features: ItemFeatures, history: ViewerHistory, share: number): number[] {
  const { items, weights } = history;
  if (weights && weights.length !== items.length) {
    throw new Error(`history.weights has ${weights.length} weights for ${items.length} history items`);
  }
  const mass = new Float64Array(features.genreCount);
  let total = 0;
  for (let i = 0; i < items.length; i += 1) {
    const genres = genresOf(features, items[i] as number, `history.items[${i}]`);
    const weight = weights ? (weights[i] as number) : 1;
    if (!(Number.isFinite(weight) && weight >= 0))
      throw new Error(`history.weights[${i}] = ${weight} is not a non-negative number`);
    if (genres.length === 0 || weight === 0) continue;
    for (const genre of genres) mass[genre] = (mass[genre] as number) + weight / genres.length;
    total += weight;
  }
  if (total === 0) return [];
  const order = Array.from({ length: features.genreCount }, (_, genre) => genre)
    .filter((genre) => (mass[genre] as number) > 0)
    .sort((a, b) => (mass[b] as number) - (mass[a] as number) || a - b);
  // The tolerance keeps share 1 (or an exact boundary) from failing on rounding in the running sum.
  const needed = share * total * (1 - 1e-12);
  const usual: number[] = [];
  let covered = 0;
  for (const genre of order) {
    if (covered >= needed) break;
    usual.push(genre);
    covered += mass[genre] as number;
  }
  return usual;
}

/**
 * The relevance top-(n - 1) (n = min(k, pool size); the pool's order is its relevance order) with the
 * most relevant remaining item outside the usual genres placed at the slot. An item without genres is
 * never the pick: calling it "new for you" would be a claim nothing supports.
 */
export function explorationSlot(
  pool: RerankPool,
  features: ItemFeatures,
  params: ExplorationSlotParamsInput,
  history: ViewerHistory,
): RerankResult {
  const { k, slot, usualGenreShare } = parseExplorationSlotParams(params);
  checkPool(pool, features.genres.length, 'features.genres');
  for (const [i, column] of pool.items.entries()) genresOf(features, column, `pool.items[${i}]`);
  const usual = usualGenres(features, history, usualGenreShare);
  const isUsual = new Uint8Array(features.genreCount);
  for (const genre of usual) isUsual[genre] = 1;

  const n = Math.min(k, pool.items.length);
  const position = Math.min(slot ?? k, n);
  let pick = -1;
  for (let index = Math.max(0, n - 1); index < pool.items.length && pick < 0; index += 1) {
    const genres = features.genres[pool.items[index] as number] as readonly number[];
    if (genres.length > 0 && genres.every((genre) => isUsual[genre] === 0)) pick = index;
  }

  if (pick < 0) {
    return {
      items: pool.items.slice(0, n),
      promoted: [],
      detail: { picked: null, pickedPoolRank: null, usualGenres: usual.length, slot: position },
    };
  }
  const column = pool.items[pick] as number;
  const items = pool.items.slice(0, n - 1);
  items.splice(position - 1, 0, column);
  return {
    items,
    promoted: pick >= k ? [column] : [],
    detail: { picked: column, pickedPoolRank: pick, usualGenres: usual.length, slot: position },
  };
}
