import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { headItems } from './popularity-debias.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import { activityFactor, tailBoost, tailBoostParamsSchema } from './tail-boost.js';
import { expectRerankInvariants, greedyByHand, randomListParams, randomPool } from './test-fixtures.js';

const featuresOf = (popularity: number[]): ItemFeatures => ({
  genres: popularity.map(() => []),
  genreCount: 0,
  popularity: Float64Array.from(popularity),
  underrepresented: new Uint8Array(popularity.length),
});

// Popularity 40, 30, 20, 5, 3, 2 of 100: with headShare 0.8 the head is columns 0..2.
// Pool 0..4 with relevance 1, 0.8, 0.6, 0.4, 0 (rel' = relevance).
const tiny = featuresOf([40, 30, 20, 5, 3, 2]);
const tinyPool: RerankPool = { items: [0, 1, 2, 3, 4], relevance: [1, 0.8, 0.6, 0.4, 0] };

const inPoolOrder = (pool: RerankPool, columns: number[]) => {
  const rank = new Map(pool.items.map((column, i) => [column, i]));
  const relevanceOf = (column: number) => pool.relevance[rank.get(column) as number] as number;
  return [...columns].sort(
    (a, b) => relevanceOf(b) - relevanceOf(a) || (rank.get(a) as number) - (rank.get(b) as number),
  );
};

function randomCase(random: () => number) {
  const columns = 5 + Math.floor(random() * 40);
  const popularity = Array.from({ length: columns }, () => Math.floor(random() ** 3 * 50));
  const pool = randomPool(random, columns);
  const { k, lambda } = randomListParams(random, pool.items.length);
  const headShare = [0, 0.2, 1, random()][Math.floor(random() * 4)] as number;
  return { features: featuresOf(popularity), pool, k, lambda, headShare };
}

describe('tailBoost', () => {
  it('picks by hand: a tail item close enough in relevance replaces a head item', () => {
    // At lambda 0.3: columns 0..4 are worth 0.7, 0.56, 0.42, 0.28 + 0.3 = 0.58 and 0.3. Column 3 takes
    // column 2's place and is shown below the more relevant column 1.
    const result = tailBoost(tinyPool, tiny, { k: 3, lambda: 0.3, headShare: 0.8 });
    expect(result.items).toEqual([0, 1, 3]);
    expect(result.promoted).toEqual([3]);
    expect(result.detail).toEqual({ lambda: 0.3, tailShareBefore: 0, tailShareAfter: 1 / 3 });
  });

  it('raises the tail share with lambda, up to every tail item the pool has', () => {
    const shares = [0, 0.1, 0.3, 0.5, 1].map(
      (lambda) => tailBoost(tinyPool, tiny, { k: 3, lambda, headShare: 0.8 }).detail.tailShareAfter,
    );
    // lambda 0.1: column 3 is worth 0.46 against 0.54 for column 2. lambda 0.5: columns 3 and 4 are worth
    // 0.7 and 0.5, column 1 only 0.4, so both tail items are in. lambda 1: every head item is worth 0, and
    // the most relevant of them fills the last place.
    expect(shares).toEqual([0, 0, 1 / 3, 2 / 3, 2 / 3]);
    expect(tailBoost(tinyPool, tiny, { k: 3, lambda: 1, headShare: 0.8 }).items).toEqual([0, 3, 4]);
  });

  it('keeps the relevance order at lambda 0, equal scores in pool order', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, k, headShare } = randomCase(random);
      const expected = inPoolOrder(pool, [...pool.items]).slice(0, k);
      expect(tailBoost(pool, features, { k, lambda: 0, headShare }).items).toEqual(expected);
    }
  });

  it('matches the formula by hand and keeps the list invariants', () => {
    const random = mulberry32(23);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, k, lambda, headShare } = randomCase(random);
      const head = headItems(features.popularity, headShare);
      const chosen = greedyByHand(
        pool,
        k,
        (i, _, rel) => (1 - lambda) * rel + (head[pool.items[i] as number] === 1 ? 0 : lambda),
      );
      const result = tailBoost(pool, features, { k, lambda, headShare });
      expect(result.items).toEqual(inPoolOrder(pool, chosen));
      expectRerankInvariants(result, pool, k);
    }
  });

  it("on the model's scale, weighs the bonus against score gaps as they are", () => {
    // Scores 0.3 .. 0.1 rescale to 1 .. 0 in the pool. At lambda 0.1 the model's scale makes column 2 worth
    // 0.9 * 0.2 = 0.18 against 0.9 * 0.15 + 0.1 = 0.235 for column 3; on the pool's scale 0.45 against 0.325.
    const flat: RerankPool = { items: [0, 1, 2, 3, 4], relevance: [0.3, 0.25, 0.2, 0.15, 0.1] };
    const params = { k: 3, lambda: 0.1, headShare: 0.8 };
    expect(tailBoost(flat, tiny, { ...params, scale: 'model' }).items).toEqual([0, 1, 3]);
    expect(tailBoost(flat, tiny, { ...params, scale: 'pool' }).items).toEqual([0, 1, 2]);
  });

  it('matches the formula on the model scale for random pools', () => {
    const random = mulberry32(29);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, k, lambda, headShare } = randomCase(random);
      const head = headItems(features.popularity, headShare);
      const chosen = greedyByHand(
        pool,
        k,
        (i) =>
          (1 - lambda) * (pool.relevance[i] as number) + (head[pool.items[i] as number] === 1 ? 0 : lambda),
      );
      const result = tailBoost(pool, features, { k, lambda, headShare, scale: 'model' });
      expect(result.items).toEqual(inPoolOrder(pool, chosen));
      expectRerankInvariants(result, pool, k);
    }
  });

  it('scales the bonus by the ideal DCG of the relevant titles a history suggests', () => {
    // rho 1/3: 3 history items suggest 1 relevant title, IDCG 1 of IDCG@3 = 1 + 1/log2(3) + 1/2; 9 or more
    // suggest 3, the full bonus. At lambda 0.25 the full bonus brings column 3 in (0.3 + 0.25 against 0.45
    // for column 2); the short history's 0.25 / 2.13 = 0.117 does not (0.417).
    const idcg3 = 1 + 1 / Math.log2(3) + 1 / 2;
    expect(activityFactor(3, 3, 1 / 3)).toBeCloseTo(1 / idcg3, 12);
    expect(activityFactor(9, 3, 1 / 3)).toBe(1);
    expect(activityFactor(100, 3, 1 / 3)).toBe(1);
    expect(activityFactor(0, 3, 1 / 3)).toBeCloseTo(1 / idcg3, 12);
    expect(activityFactor(2, 3)).toBe(1);
    const params = { k: 3, lambda: 0.25, headShare: 0.8, relevantPerHistoryItem: 1 / 3 };
    const short = tailBoost(tinyPool, tiny, params, { items: [5, 4, 3] });
    const long = tailBoost(tinyPool, tiny, params, { items: [5, 4, 3, 2, 1, 0, 5, 4, 3] });
    expect(short.items).toEqual([0, 1, 2]);
    expect(short.detail.bonus).toBeCloseTo(0.25 / idcg3, 12);
    expect(long.items).toEqual([0, 1, 3]);
    expect(long.detail.bonus).toBeCloseTo(0.25, 12);
  });

  it('needs the history to scale by activity', () => {
    expect(() => tailBoost(tinyPool, tiny, { k: 3, relevantPerHistoryItem: 0.5 })).toThrow(/history/);
  });

  it('uses the default head share of 0.2, that of the offline long-tail metric', () => {
    // Head {0}: the pool's top 3 holds two tail items.
    expect(tailBoost(tinyPool, tiny, { k: 3, lambda: 0 }).detail.tailShareBefore).toBeCloseTo(2 / 3, 12);
  });

  it.each([
    [{ k: 0 }, /k:/],
    [{ lambda: 0.5 }, /k:/],
    [{ k: 3, lambda: -0.1 }, /lambda:/],
    [{ k: 3, headShare: 2 }, /headShare:/],
    [{ k: 3, target: 0.5 }, /target/],
    [{ k: 3, scale: 'rank' }, /scale:/],
    [{ k: 3, relevantPerHistoryItem: 0 }, /relevantPerHistoryItem:/],
    [{ k: 3, relevantPerHistoryItem: 2 }, /relevantPerHistoryItem:/],
  ])('refuses params %j, naming the field', (params, field) => {
    expect(() => tailBoost(tinyPool, tiny, params as never)).toThrow(field);
  });

  it('refuses a malformed pool, naming the field', () => {
    expect(() => tailBoost({ items: [0, 1], relevance: [1] }, tiny, { k: 2 })).toThrow(/pool\.relevance/);
    expect(() => tailBoost({ items: [0, 6], relevance: [1, 0] }, tiny, { k: 2 })).toThrow(/pool\.items\[1\]/);
  });

  it('describes every param', () => {
    for (const [name, field] of Object.entries(tailBoostParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
  });
});
