import { expect } from 'vitest';
import { shuffleRange } from '../random/seeded-random.js';
import type { RerankPool, RerankResult, ViewerHistory } from './rerank-types.js';

/** What every reranker's result must satisfy, whatever its objective (for the rerankers' tests). */
export function expectRerankInvariants(result: RerankResult, pool: RerankPool, k: number): void {
  expect(result.items).toHaveLength(Math.min(k, pool.items.length));
  expect(new Set(result.items).size).toBe(result.items.length);
  const rank = new Map(pool.items.map((column, i) => [column, i]));
  for (const column of result.items) expect(rank.has(column)).toBe(true);
  expect(result.promoted).toEqual(result.items.filter((column) => (rank.get(column) as number) >= k));
}

/** A random pool over a catalog of `columns`: shuffled, any size up to the catalog, tied scores in [-1, 1]. */
export function randomPool(random: () => number, columns: number): RerankPool {
  const order = Int32Array.from({ length: columns }, (_, i) => i);
  shuffleRange(order, 0, columns, random);
  const items = Array.from(order.subarray(0, Math.floor(random() * (columns + 1))));
  return { items, relevance: items.map(() => Math.round(random() * 4) / 2 - 1) };
}

/** A random history of up to 7 columns (repeats allowed), weighted half the time. */
export function randomHistory(random: () => number, columns: number): ViewerHistory {
  const items = Array.from({ length: Math.floor(random() * 8) }, () => Math.floor(random() * columns));
  return random() < 0.5 ? { items } : { items, weights: items.map(() => random() * 3) };
}

/** A random list length (from 1 to past the pool's size) and trade-off (0, 1 or in between). */
export function randomListParams(random: () => number, poolSize: number): { k: number; lambda: number } {
  const k = 1 + Math.floor(random() * (poolSize + 3));
  const lambda = [0, 1, random()][Math.floor(random() * 3)] as number;
  return { k, lambda };
}

/**
 * A greedy reranker the slow, obvious way, to check a fast one against: at each step every pool index not
 * yet chosen is scored by `objective(i, chosen, scaledRelevance)` (chosen: pool indices so far); the best
 * wins, equal objectives going to the more relevant item, then the earlier one. Returns the columns.
 */
export function greedyByHand(
  pool: RerankPool,
  k: number,
  objective: (i: number, chosen: readonly number[], relevance: number) => number,
): number[] {
  const low = Math.min(...pool.relevance);
  const range = Math.max(...pool.relevance) - low;
  const chosen: number[] = [];
  while (chosen.length < Math.min(k, pool.items.length)) {
    let best = -1;
    let bestScore = -Infinity;
    pool.items.forEach((_, i) => {
      if (chosen.includes(i)) return;
      const rel = range > 0 ? ((pool.relevance[i] as number) - low) / range : 0;
      const score = objective(i, chosen, rel);
      const relevant = (pool.relevance[i] as number) > (pool.relevance[best] ?? -Infinity);
      if (score > bestScore || (score === bestScore && relevant)) {
        best = i;
        bestScore = score;
      }
    });
    chosen.push(best);
  }
  return chosen.map((i) => pool.items[i] as number);
}
