import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { mmrDiversity, mmrParamsSchema } from './mmr-diversity.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import { expectRerankInvariants, greedyByHand, randomListParams, randomPool } from './test-fixtures.js';

const featuresOf = (genres: number[][], genreCount: number): ItemFeatures => ({
  genres,
  genreCount,
  popularity: new Float64Array(genres.length),
  underrepresented: new Uint8Array(genres.length),
});

// Columns 0..4 with genres {0}, {0}, {1}, {0, 1}, {}; relevance already spans [0, 1], so rel' = relevance.
const tiny = featuresOf([[0], [0], [1], [0, 1], []], 2);
const tinyPool: RerankPool = { items: [0, 1, 2, 3, 4], relevance: [1, 0.9, 0.8, 0.7, 0] };

/** A random catalog and pool: a few genres (listed twice at times), shuffled pools, tied scores. */
function randomCase(random: () => number) {
  const columns = 5 + Math.floor(random() * 40);
  const genreCount = 1 + Math.floor(random() * 5);
  const genres = Array.from({ length: columns }, () =>
    Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * genreCount)),
  );
  const pool = randomPool(random, columns);
  return { features: featuresOf(genres, genreCount), pool, ...randomListParams(random, pool.items.length) };
}

function jaccard(a: readonly number[], b: readonly number[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const genre of left) if (right.has(genre)) shared += 1;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** MMR straight from the definition, every similarity recomputed at every step. */
function referenceMmr(pool: RerankPool, features: ItemFeatures, k: number, lambda: number): number[] {
  return greedyByHand(pool, k, (i, chosen, rel) => {
    let maxSimilarity = 0;
    for (const j of chosen) {
      const similarity = jaccard(
        features.genres[pool.items[i] as number] ?? [],
        features.genres[pool.items[j] as number] ?? [],
      );
      maxSimilarity = Math.max(maxSimilarity, similarity);
    }
    return (1 - lambda) * rel - lambda * maxSimilarity;
  });
}

describe('mmrDiversity', () => {
  it('picks by hand at lambda 0.5: the {1} item, then {0, 1} over the duplicate {0}', () => {
    // Step 1 takes column 0 (no similarity yet). Step 2: 1 -> 0.45 - 0.5 * 1, 2 -> 0.4 - 0, 3 -> 0.35 -
    // 0.5 * 0.5, 4 -> 0 - 0; column 2. Step 3: 1 -> -0.05, 3 -> 0.35 - 0.25 = 0.1, 4 -> 0; column 3.
    const result = mmrDiversity(tinyPool, tiny, { k: 3, lambda: 0.5 });
    expect(result.items).toEqual([0, 2, 3]);
    expect(result.promoted).toEqual([3]);
    // Pairs of [0, 1, 2]: 1, 0, 0. Pairs of [0, 2, 3]: 0, 1/2, 1/2.
    expect(result.detail.intraListSimilarityBefore).toBeCloseTo(1 / 3, 12);
    expect(result.detail.intraListSimilarityAfter).toBeCloseTo(1 / 3, 12);
    expect(result.detail.lambda).toBe(0.5);
  });

  it('picks by hand at lambda 0.7: the genre-less item beats a half-similar one', () => {
    // Step 3: 3 -> 0.3 * 0.7 - 0.7 * 0.5 = -0.14, 4 -> 0 - 0 = 0, 1 -> 0.27 - 0.7 = -0.43.
    const result = mmrDiversity(tinyPool, tiny, { k: 3, lambda: 0.7 });
    expect(result.items).toEqual([0, 2, 4]);
    expect(result.promoted).toEqual([4]);
    expect(result.detail.intraListSimilarityAfter).toBe(0);
  });

  it('lowers intra-list similarity as lambda grows', () => {
    const similarity = [0, 0.5, 0.7, 1].map(
      (lambda) => mmrDiversity(tinyPool, tiny, { k: 3, lambda }).detail.intraListSimilarityAfter as number,
    );
    expect(similarity[0]).toBeCloseTo(1 / 3, 12);
    expect(similarity[1]).toBeCloseTo(1 / 3, 12);
    expect(similarity[2]).toBe(0);
    expect(similarity[3]).toBe(0);
  });

  it('at lambda 1 still breaks similarity ties by relevance', () => {
    // Step 2 ties columns 2 and 4 at similarity 0; column 2 is more relevant.
    expect(mmrDiversity(tinyPool, tiny, { k: 3, lambda: 1 }).items).toEqual([0, 2, 4]);
  });

  it('treats items without genres as similar to nothing, each other included', () => {
    const bare = featuresOf([[], [], [0]], 1);
    const result = mmrDiversity({ items: [0, 1, 2], relevance: [3, 2, 1] }, bare, { k: 3, lambda: 1 });
    expect(result.items).toEqual([0, 1, 2]);
    expect(result.detail.intraListSimilarityAfter).toBe(0);
  });

  it('returns the relevance order at lambda 0, equal scores in pool order', () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, k } = randomCase(random);
      const expected = pool.items
        .map((column, i) => ({ column, i, score: pool.relevance[i] as number }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, k)
        .map(({ column }) => column);
      expect(mmrDiversity(pool, features, { k, lambda: 0 }).items).toEqual(expected);
    }
  });

  it('matches MMR computed from the definition and keeps the list invariants', () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, k, lambda } = randomCase(random);
      const result = mmrDiversity(pool, features, { k, lambda });
      expect(result.items).toEqual(referenceMmr(pool, features, k, lambda));
      expectRerankInvariants(result, pool, k);
    }
  });

  it('handles an empty pool and a list of one', () => {
    const empty = mmrDiversity({ items: [], relevance: [] }, tiny, { k: 5 });
    expect(empty).toEqual({
      items: [],
      promoted: [],
      detail: { lambda: 0.3, intraListSimilarityBefore: null, intraListSimilarityAfter: null },
    });
    expect(mmrDiversity(tinyPool, tiny, { k: 1 }).items).toEqual([0]);
  });

  it.each([
    [{ k: 0 }, /k:/],
    [{ k: 2.5 }, /k:/],
    [{ lambda: 0.5 }, /k:/],
    [{ k: 3, lambda: -0.1 }, /lambda:/],
    [{ k: 3, lambda: 1.5 }, /lambda:/],
    [{ k: 3, lambda: Number.NaN }, /lambda:/],
    [{ k: 3, diversity: 0.5 }, /diversity/],
  ])('refuses params %j, naming the field', (params, field) => {
    expect(() => mmrDiversity(tinyPool, tiny, params as never)).toThrow(field);
  });

  it('refuses a malformed pool, naming the field', () => {
    expect(() => mmrDiversity({ items: [0, 1], relevance: [1] }, tiny, { k: 2 })).toThrow(/pool\.relevance/);
    expect(() => mmrDiversity({ items: [0, 0], relevance: [1, 1] }, tiny, { k: 2 })).toThrow(
      /pool\.items\[1\]/,
    );
    expect(() => mmrDiversity({ items: [9], relevance: [1] }, tiny, { k: 2 })).toThrow(/pool\.items\[0\]/);
    expect(() => mmrDiversity({ items: [0, 1], relevance: [1, Infinity] }, tiny, { k: 2 })).toThrow(
      /pool\.relevance\[1\]/,
    );
    const badGenre = featuresOf([[0], [2]], 2);
    expect(() => mmrDiversity({ items: [0, 1], relevance: [1, 0] }, badGenre, { k: 2 })).toThrow(
      /features\.genres\[1\]/,
    );
  });

  it('describes every param and types misuse out', () => {
    for (const [name, field] of Object.entries(mmrParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
    // @ts-expect-error: k is required
    expect(() => mmrDiversity(tinyPool, tiny, { lambda: 0.5 })).toThrow(/k:/);
    // @ts-expect-error: lambda is a number
    expect(() => mmrDiversity(tinyPool, tiny, { k: 2, lambda: '0.5' })).toThrow(/lambda:/);
  });
});
