import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { type ExposureTally, exposureRotation, exposureRotationParamsSchema } from './exposure-rotation.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import { expectRerankInvariants, greedyByHand, randomListParams, randomPool } from './test-fixtures.js';

const featuresOf = (columns: number): ItemFeatures => ({
  genres: Array.from({ length: columns }, () => []),
  genreCount: 0,
  popularity: new Float64Array(columns),
  underrepresented: new Uint8Array(columns),
});

// Six columns; the pool 0..4 with relevance 1, 0.8, 0.6, 0.4, 0 (rel' = relevance). Columns 0 and 1 were
// shown in 5 lists each of 3 served, so at k = 2 the uniform share is 3 * 2 / 6 = 1.
const six = featuresOf(6);
const tinyPool: RerankPool = { items: [0, 1, 2, 3, 4], relevance: [1, 0.8, 0.6, 0.4, 0] };
const tinyTally: ExposureTally = { shown: [5, 5, 0, 0, 0, 0], lists: 3 };
const emptyTally = (columns: number): ExposureTally => ({ shown: new Float64Array(columns), lists: 0 });

const inPoolOrder = (pool: RerankPool, columns: number[]) => {
  const rank = new Map(pool.items.map((column, i) => [column, i]));
  const relevanceOf = (column: number) => pool.relevance[rank.get(column) as number] as number;
  return [...columns].sort(
    (a, b) => relevanceOf(b) - relevanceOf(a) || (rank.get(a) as number) - (rank.get(b) as number),
  );
};

function randomCase(random: () => number) {
  const columns = 5 + Math.floor(random() * 40);
  const pool = randomPool(random, columns);
  const lists = Math.floor(random() * 20);
  const shown = Float64Array.from({ length: columns }, () => Math.floor(random() ** 2 * lists));
  const { k, lambda } = randomListParams(random, pool.items.length);
  return { features: featuresOf(columns), pool, tally: { shown, lists }, k, lambda };
}

describe('exposureRotation', () => {
  it('picks by hand: fresh items replace over-shown ones of similar relevance', () => {
    // fresh: columns 0, 1 -> 1 / (1 + 5) = 1/6, the rest 1. At lambda 0.5 the objectives are 0.583, 0.483,
    // 0.8, 0.7, 0.5: columns 2 and 3 win and are shown in relevance order.
    const result = exposureRotation(tinyPool, six, { k: 2, lambda: 0.5 }, tinyTally);
    expect(result.items).toEqual([2, 3]);
    expect(result.promoted).toEqual([2, 3]);
    expect(result.detail).toEqual({ lambda: 0.5, uniformExposure: 1, neverShown: 2 });
    // At lambda 0.2 relevance still wins for column 0 (0.833 against 0.68 for column 2), not for column 1.
    expect(exposureRotation(tinyPool, six, { k: 2, lambda: 0.2 }, tinyTally).items).toEqual([0, 2]);
  });

  it('keeps the relevance order at lambda 0 and before anything was shown', () => {
    const random = mulberry32(5);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, tally, k, lambda } = randomCase(random);
      const expected = inPoolOrder(pool, [...pool.items]).slice(0, k);
      expect(exposureRotation(pool, features, { k, lambda: 0 }, tally).items).toEqual(expected);
      const columns = features.popularity.length;
      expect(exposureRotation(pool, features, { k, lambda }, emptyTally(columns)).items).toEqual(expected);
    }
  });

  it('matches the formula by hand and keeps the list invariants', () => {
    const random = mulberry32(11);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, tally, k, lambda } = randomCase(random);
      const uniform = (tally.lists * k) / features.popularity.length;
      const fresh = (column: number) => {
        const shown = tally.shown[column] as number;
        return shown === 0 ? 1 : uniform / (uniform + shown);
      };
      const chosen = greedyByHand(
        pool,
        k,
        (i, _, rel) => (1 - lambda) * rel + lambda * fresh(pool.items[i] as number),
      );
      const result = exposureRotation(pool, features, { k, lambda }, tally);
      expect(result.items).toEqual(inPoolOrder(pool, chosen));
      expectRerankInvariants(result, pool, k);
    }
  });

  it('spreads the same pool over more items as the tally grows', () => {
    const columns = 30;
    const features = featuresOf(columns);
    const pool: RerankPool = {
      items: Array.from({ length: columns }, (_, i) => i),
      relevance: Array.from({ length: columns }, (_, i) => 1 - i / 100),
    };
    const serve = (lambda: number) => {
      const shown = new Float64Array(columns);
      for (let lists = 0; lists < 20; lists += 1) {
        for (const column of exposureRotation(pool, features, { k: 3, lambda }, { shown, lists }).items) {
          shown[column] = (shown[column] as number) + 1;
        }
      }
      return shown.filter((count) => count > 0).length;
    };
    // rel' falls by 1/29 a rank, so at lambda 0.2 a fresh item may come from about 0.25 * 29 ~ 7 ranks
    // down; at lambda 0.5 from anywhere, though an item shown once or twice is still fairly fresh.
    expect(serve(0)).toBe(3);
    expect(serve(0.2)).toBe(9);
    expect(serve(0.5)).toBe(24);
  });

  it.each([
    [{ k: 0 }, /k:/],
    [{ lambda: 0.5 }, /k:/],
    [{ k: 2, lambda: 1.5 }, /lambda:/],
    [{ k: 2, decay: 0.5 }, /decay/],
  ])('refuses params %j, naming the field', (params, field) => {
    expect(() => exposureRotation(tinyPool, six, params as never, tinyTally)).toThrow(field);
  });

  it('refuses a malformed pool or tally, naming the field', () => {
    expect(() => exposureRotation({ items: [0, 9], relevance: [1, 0] }, six, { k: 2 }, tinyTally)).toThrow(
      /pool\.items\[1\]/,
    );
    expect(() => exposureRotation(tinyPool, six, { k: 2 }, { shown: [0, 0], lists: 1 })).toThrow(
      /tally\.shown has 2/,
    );
    expect(() => exposureRotation(tinyPool, six, { k: 2 }, { shown: [0, -1, 0, 0, 0, 0], lists: 1 })).toThrow(
      /tally\.shown\[1\]/,
    );
    expect(() => exposureRotation(tinyPool, six, { k: 2 }, { shown: tinyTally.shown, lists: -1 })).toThrow(
      /tally\.lists/,
    );
  });

  it('describes every param and types misuse out', () => {
    for (const [name, field] of Object.entries(exposureRotationParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
    // @ts-expect-error: the rotation needs the exposure tally
    expect(() => exposureRotation(tinyPool, six, { k: 2 })).toThrow();
  });
});
