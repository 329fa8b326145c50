import { z } from 'zod';
import type { RerankPool } from './rerank-types.js';

/** The length of the list a reranker returns. */
export const listLengthSchema = z.int().min(1).max(1000).describe('length of the list');

/** A reranker's weight against relevance, in [0, 1]: 0 keeps the relevance order, 1 ignores relevance. */
export const tradeOffSchema = (byDefault: number, objective: string) =>
  z
    .number()
    .min(0)
    .max(1)
    .default(byDefault)
    .describe(`weight of ${objective} against relevance: 0 keeps the relevance order, 1 ignores relevance`);

/** Parses a reranker's params; the error names every bad field (`invalid mmr params: lambda: ...`). */
export function parseRerankParams<S extends z.ZodType>(
  schema: S,
  input: unknown,
  reranker: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(params)'}: ${issue.message}`,
  );
  throw new Error(`invalid ${reranker} params: ${problems.join('; ')}`);
}

/**
 * Checks a pool against the catalog it comes from: as many scores as items, every item a column below
 * `columns` (the length of `catalogField`, named in the error), no item twice, every score finite.
 */
export function checkPool(pool: RerankPool, columns: number, catalogField: string): void {
  const { items, relevance } = pool;
  if (items.length !== relevance.length) {
    throw new Error(`pool.items has ${items.length} items but pool.relevance has ${relevance.length} scores`);
  }
  const seen = new Set<number>();
  for (let i = 0; i < items.length; i += 1) {
    const column = items[i] as number;
    if (!Number.isInteger(column) || column < 0 || column >= columns) {
      throw new Error(`pool.items[${i}] = ${column} is not a column of ${catalogField} (${columns})`);
    }
    if (seen.has(column)) throw new Error(`pool.items[${i}] = ${column} appears twice in the pool`);
    seen.add(column);
    if (!Number.isFinite(relevance[i]))
      throw new Error(`pool.relevance[${i}] = ${relevance[i]} is not finite`);
  }
}

/**
 * Min-max scaled to [0, 1] so that a reranker's lambda means the same whatever the model's score scale.
 * Equal scores carry no relevance signal: all 0, and the reranker's own objective alone decides.
 */
export function scaledRelevance(relevance: readonly number[]): Float64Array {
  let low = Infinity;
  let high = -Infinity;
  for (const score of relevance) {
    low = Math.min(low, score);
    high = Math.max(high, score);
  }
  const range = high - low;
  return Float64Array.from(relevance, (score) => (range > 0 ? (score - low) / range : 0));
}

/** Pool indices by relevance, best first, equal scores in pool order: what lambda = 0 returns. */
export function relevanceOrder(relevance: readonly number[]): Int32Array {
  return inRelevanceOrder(
    Int32Array.from(relevance, (_, i) => i),
    relevance,
  );
}

/**
 * Whether candidate i, with greedy objective `score`, beats the best so far. Equal objectives go to the
 * more relevant item, then the earlier one (the caller scans in pool order), so that lambda = 0 is exactly
 * the relevance order even where scaling rounds two scores together.
 */
export function beatsBest(
  score: number,
  i: number,
  bestScore: number,
  best: number,
  relevance: readonly number[],
): boolean {
  return (
    best < 0 ||
    score > bestScore ||
    (score === bestScore && (relevance[i] as number) > (relevance[best] as number))
  );
}

/**
 * The `n` pool indices with the highest `objective`, equal objectives going to the more relevant item,
 * then the earlier one (as beatsBest decides): for rerankers whose objective is a sum over items, where
 * choosing greedily and choosing the top n are the same.
 */
export function topByObjective(objective: Float64Array, relevance: readonly number[], n: number): Int32Array {
  return Int32Array.from(objective, (_, i) => i)
    .sort(
      (a, b) =>
        (objective[b] as number) - (objective[a] as number) ||
        (relevance[b] as number) - (relevance[a] as number) ||
        a - b,
    )
    .subarray(0, n);
}

/**
 * Chosen pool indices shown in relevance order (that of relevanceOrder): a reranker that decides which
 * items to show, not where, never puts an item above a more relevant one it also chose.
 */
export function inRelevanceOrder(chosen: ArrayLike<number>, relevance: readonly number[]): Int32Array {
  return Int32Array.from(chosen).sort((a, b) => (relevance[b] as number) - (relevance[a] as number) || a - b);
}
