import { describe, expect, it } from 'vitest';
import { shortHead } from '../evaluate/metrics/long-tail-share.js';
import { mulberry32 } from '../random/seeded-random.js';
import type { ViewerHistory } from './rerank-types.js';
import { headItems, popularityDebias, popularityDebiasParamsSchema } from './popularity-debias.js';
import type { ItemFeatures, RerankPool } from './rerank-types.js';
import {
  expectRerankInvariants,
  greedyByHand,
  randomHistory,
  randomListParams,
  randomPool,
} from './test-fixtures.js';

const featuresOf = (popularity: number[]): ItemFeatures => ({
  genres: popularity.map(() => []),
  genreCount: 0,
  popularity: Float64Array.from(popularity),
  underrepresented: new Uint8Array(popularity.length),
});

// Popularity 40, 30, 20, 5, 3, 2 of 100: with headShare 0.8 the head is columns 0..2 (40 + 30 < 80 <= 90).
// Pool 0..4 with relevance 1, 0.8, 0.6, 0.4, 0 (rel' = relevance); the history 0, 3, 4, 5 is 3/4 tail.
const tiny = featuresOf([40, 30, 20, 5, 3, 2]);
const tinyPool: RerankPool = { items: [0, 1, 2, 3, 4], relevance: [1, 0.8, 0.6, 0.4, 0] };
const tailViewer: ViewerHistory = { items: [0, 3, 4, 5] };

function randomCase(random: () => number) {
  const columns = 5 + Math.floor(random() * 40);
  const popularity = Array.from({ length: columns }, () => Math.floor(random() ** 3 * 50));
  const pool = randomPool(random, columns);
  const history = randomHistory(random, columns);
  const { k, lambda } = randomListParams(random, pool.items.length);
  const headShare = [0, 0.2, 1, random()][Math.floor(random() * 4)] as number;
  return { features: featuresOf(popularity), pool, history, k, lambda, headShare };
}

/** Personalized binary xQuAD from the paper's formula, the product over the chosen items spelled out. */
function referenceXquad(
  pool: RerankPool,
  head: Uint8Array,
  history: ViewerHistory,
  k: number,
  lambda: number,
): number[] {
  const weightOf = (i: number) => history.weights?.[i] ?? 1;
  let total = 0;
  let headWeight = 0;
  history.items.forEach((column, i) => {
    total += weightOf(i);
    headWeight += head[column] === 1 ? weightOf(i) : 0;
  });
  const pHead = total === 0 ? 0.5 : headWeight / total;
  const aspects = [
    { p: pHead, has: (column: number) => head[column] === 1 },
    { p: 1 - pHead, has: (column: number) => head[column] === 0 },
  ];
  return greedyByHand(pool, k, (i, chosen, rel) => {
    let coverage = 0;
    for (const { p, has } of aspects) {
      let uncovered = 1;
      for (const j of chosen) uncovered *= 1 - (has(pool.items[j] as number) ? 1 : 0);
      coverage += p * (has(pool.items[i] as number) ? 1 : 0) * uncovered;
    }
    return (1 - lambda) * rel + lambda * coverage;
  });
}

describe('headItems', () => {
  it('takes the most popular columns until they reach the head share', () => {
    const popularity = [40, 30, 20, 5, 3, 2];
    expect(Array.from(headItems(popularity))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(Array.from(headItems(popularity, 0.5))).toEqual([1, 1, 0, 0, 0, 0]);
    expect(Array.from(headItems(popularity, 0.8))).toEqual([1, 1, 1, 0, 0, 0]);
    expect(Array.from(headItems([3, 0, 1], 1))).toEqual([1, 0, 1]);
    expect(Array.from(headItems(popularity, 0))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('breaks popularity ties by column and has no head without interactions', () => {
    expect(Array.from(headItems([5, 5, 5, 5], 0.5))).toEqual([1, 1, 0, 0]);
    expect(Array.from(headItems([0, 0], 0.5))).toEqual([0, 0]);
  });

  it('agrees with the offline metric short head', () => {
    const random = mulberry32(1);
    for (let trial = 0; trial < 100; trial += 1) {
      const popularity = Float64Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        Math.floor(random() ** 2 * 20),
      );
      const share = random();
      expect(headItems(popularity, share)).toEqual(shortHead(popularity, share));
    }
  });

  it('refuses negative counts and shares outside [0, 1]', () => {
    expect(() => headItems([1, -1])).toThrow(/popularity\[1\]/);
    expect(() => headItems([1, Number.NaN])).toThrow(/popularity\[1\]/);
    expect(() => headItems([1, 2], 1.5)).toThrow(/headShare/);
  });
});

describe('popularityDebias', () => {
  it('picks by hand at lambda 0.5: one tail item for a tail viewer, then relevance', () => {
    // Step 1: column 0 -> 0.5 + 0.5 * 1/4 = 0.625 beats column 3 -> 0.2 + 0.5 * 3/4 = 0.575. Step 2 (head
    // covered): column 3 -> 0.575 beats column 1 -> 0.4. Step 3: both covered; column 1 -> 0.4.
    const result = popularityDebias(tinyPool, tiny, { k: 3, lambda: 0.5, headShare: 0.8 }, tailViewer);
    expect(result.items).toEqual([0, 3, 1]);
    expect(result.promoted).toEqual([3]);
    expect(result.detail).toEqual({
      lambda: 0.5,
      viewerTailShare: 0.75,
      tailShareBefore: 0,
      tailShareAfter: 1 / 3,
    });
  });

  it('picks by hand at lambda 0.9: the tail item first', () => {
    // Step 1: column 3 -> 0.04 + 0.9 * 3/4 = 0.715 beats column 0 -> 0.1 + 0.9 * 1/4 = 0.325.
    const result = popularityDebias(tinyPool, tiny, { k: 3, lambda: 0.9, headShare: 0.8 }, tailViewer);
    expect(result.items).toEqual([3, 0, 1]);
  });

  it('raises the tail share as lambda grows', () => {
    // At lambda 0.2, step 3: column 2 -> 0.8 * 0.6 = 0.48 beats column 3 -> 0.32 + 0.2 * 3/4 = 0.47.
    const share = [0, 0.2, 0.5, 0.9].map(
      (lambda) =>
        popularityDebias(tinyPool, tiny, { k: 3, lambda, headShare: 0.8 }, tailViewer).detail
          .tailShareAfter as number,
    );
    expect(share).toEqual([0, 0, 1 / 3, 1 / 3]);
  });

  it('personalizes: a viewer who only watches the head gets no tail bonus', () => {
    // P(tail | u) = 0: step 2 compares column 1 -> 0.4 with column 3 -> 0.2 + 0.
    const result = popularityDebias(tinyPool, tiny, { k: 3, lambda: 0.5, headShare: 0.8 }, { items: [0, 1] });
    expect(result.items).toEqual([0, 1, 2]);
    expect(result.detail.viewerTailShare).toBe(0);
  });

  it('weighs the history, and treats no history as no preference', () => {
    const weighted = popularityDebias(
      tinyPool,
      tiny,
      { k: 3, lambda: 0.5, headShare: 0.8 },
      { items: [0, 3], weights: [3, 1] },
    );
    expect(weighted.detail.viewerTailShare).toBe(0.25);
    const unknown = popularityDebias(tinyPool, tiny, { k: 3, lambda: 0.5, headShare: 0.8 }, { items: [] });
    expect(unknown.detail.viewerTailShare).toBe(0.5);
    // Step 2 (head covered): column 3 -> 0.2 + 0.25 = 0.45 beats column 1 -> 0.4.
    expect(unknown.items).toEqual([0, 3, 1]);
  });

  it('uses the default head share of 0.2', () => {
    // Head {0}: the history 0, 3, 4, 5 is 3/4 tail and the pool's top 3 holds two tail items.
    const result = popularityDebias(tinyPool, tiny, { k: 3, lambda: 0 }, tailViewer);
    expect(result.detail.tailShareBefore).toBeCloseTo(2 / 3, 12);
  });

  it('returns the relevance order at lambda 0, equal scores in pool order', () => {
    const random = mulberry32(13);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, history, k, headShare } = randomCase(random);
      const expected = pool.items
        .map((column, i) => ({ column, i, score: pool.relevance[i] as number }))
        .sort((x, y) => y.score - x.score || x.i - y.i)
        .slice(0, k)
        .map(({ column }) => column);
      expect(popularityDebias(pool, features, { k, lambda: 0, headShare }, history).items).toEqual(expected);
    }
  });

  it('matches xQuAD computed from the formula and keeps the list invariants', () => {
    const random = mulberry32(17);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, history, k, lambda, headShare } = randomCase(random);
      const result = popularityDebias(pool, features, { k, lambda, headShare }, history);
      const head = headItems(features.popularity, headShare);
      expect(result.items).toEqual(referenceXquad(pool, head, history, k, lambda));
      expectRerankInvariants(result, pool, k);
    }
  });

  it.each([
    [{ k: 0 }, /k:/],
    [{ k: 1.5 }, /k:/],
    [{ lambda: 0.5 }, /k:/],
    [{ k: 3, lambda: -1 }, /lambda:/],
    [{ k: 3, lambda: 2 }, /lambda:/],
    [{ k: 3, headShare: 1.2 }, /headShare:/],
    [{ k: 3, headShare: -0.2 }, /headShare:/],
    [{ k: 3, smooth: true }, /smooth/],
  ])('refuses params %j, naming the field', (params, field) => {
    expect(() => popularityDebias(tinyPool, tiny, params as never, tailViewer)).toThrow(field);
  });

  it('refuses a malformed pool or history, naming the field', () => {
    expect(() => popularityDebias({ items: [0, 1], relevance: [1] }, tiny, { k: 2 }, tailViewer)).toThrow(
      /pool\.relevance/,
    );
    expect(() => popularityDebias({ items: [0, 7], relevance: [1, 0] }, tiny, { k: 2 }, tailViewer)).toThrow(
      /pool\.items\[1\]/,
    );
    expect(() => popularityDebias(tinyPool, tiny, { k: 2 }, { items: [0, 6] })).toThrow(
      /history\.items\[1\]/,
    );
    expect(() => popularityDebias(tinyPool, tiny, { k: 2 }, { items: [0], weights: [-1] })).toThrow(
      /history\.weights\[0\]/,
    );
  });

  it('describes every param and types misuse out', () => {
    for (const [name, field] of Object.entries(popularityDebiasParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
    // @ts-expect-error: popularity debiasing needs the viewer's history
    expect(() => popularityDebias(tinyPool, tiny, { k: 2 })).toThrow();
  });
});
