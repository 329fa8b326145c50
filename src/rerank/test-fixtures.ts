import { expect } from 'vitest';
import type { RerankPool, RerankResult } from './rerank-types.js';

/** What every reranker's result must satisfy, whatever its objective (for the rerankers' tests). */
export function expectRerankInvariants(result: RerankResult, pool: RerankPool, k: number): void {
  expect(result.items).toHaveLength(Math.min(k, pool.items.length));
  expect(new Set(result.items).size).toBe(result.items.length);
  const rank = new Map(pool.items.map((column, i) => [column, i]));
  for (const column of result.items) expect(rank.has(column)).toBe(true);
  expect(result.promoted).toEqual(result.items.filter((column) => (rank.get(column) as number) >= k));
}
