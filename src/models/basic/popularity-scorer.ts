import { z } from 'zod';
import type { TrainingSnapshot } from '../training-snapshot.js';

export const popularityParamsSchema = z.strictObject({
  halfLifeDays: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe(
      'not yet applied: time decay arrives with the recommender engine; null counts every viewer equally',
    ),
});
export type PopularityParams = z.infer<typeof popularityParamsSchema>;

/**
 * Most-popular: an item's score is the number of distinct viewers who interacted with it. It uses no
 * one's profile, which is why it is also the non-profiling fallback.
 */
export function fitPopularity(snapshot: TrainingSnapshot): Float32Array {
  const scores = new Float32Array(snapshot.itemIds.length);
  for (const item of snapshot.itemIndex) scores[item] = (scores[item] ?? 0) + 1;
  return scores;
}

/** Top-n item indices by score, excluding the given ones; ties broken by index for determinism. */
export function topN(scores: Float32Array, n: number, exclude: ReadonlySet<number> = new Set()): number[] {
  const order: number[] = [];
  for (let i = 0; i < scores.length; i += 1) if (!exclude.has(i)) order.push(i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, n);
}
