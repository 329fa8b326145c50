import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/seeded-random.js';
import { CALIBRATION_ALPHA, calibrate, calibrationKl, calibrationParamsSchema } from './calibration.js';
import type { ItemFeatures, RerankPool, ViewerHistory } from './rerank-types.js';
import { expectRerankInvariants, randomHistory, randomListParams, randomPool } from './test-fixtures.js';

const featuresOf = (genres: number[][], genreCount: number): ItemFeatures => ({
  genres,
  genreCount,
  popularity: new Float64Array(genres.length),
  underrepresented: new Uint8Array(genres.length),
});

// Pool columns 0..3: genres {0}, {0}, {0}, {1} with relevance 1, 0.9, 0.8, 0 (rel' = relevance).
// History columns 4..8: {0}, {0}, {1}, {0, 1}, {}. A history of 4, 5, 6 gives p = (2/3, 1/3).
const tiny = featuresOf([[0], [0], [0], [1], [0], [0], [1], [0, 1], []], 2);
const tinyPool: RerankPool = { items: [0, 1, 2, 3], relevance: [1, 0.9, 0.8, 0] };
const tinyHistory: ViewerHistory = { items: [4, 5, 6] };

const a = CALIBRATION_ALPHA;
/** KL(p || (1 - a) q + a p) for two-genre distributions p = (p0, 1 - p0), q = (q0, 1 - q0). */
const kl2 = (p0: number, q0: number) =>
  p0 * Math.log(p0 / ((1 - a) * q0 + a * p0)) +
  (1 - p0) * Math.log((1 - p0) / ((1 - a) * (1 - q0) + a * (1 - p0)));
const allGenre0 = kl2(2 / 3, 1); // about 1.267
const halfAndHalf = kl2(2 / 3, 1 / 2); // about 0.056

function randomCase(random: () => number) {
  const columns = 5 + Math.floor(random() * 40);
  const genreCount = 1 + Math.floor(random() * 5);
  const genres = Array.from({ length: columns }, () =>
    Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * genreCount)),
  );
  const pool = randomPool(random, columns);
  const history = randomHistory(random, columns);
  return {
    features: featuresOf(genres, genreCount),
    pool,
    history,
    ...randomListParams(random, pool.items.length),
  };
}

describe('calibrationKl', () => {
  it('is 0 for a list with the history genre distribution', () => {
    expect(calibrationKl([4, 5, 6], [0, 3, 1], tiny)).toBeCloseTo(0, 12);
  });

  it('splits a multi-genre item evenly and mixes alpha of p into q', () => {
    // p = (1/2, 1/2) from one {0, 1} item; q = (1, 0).
    const expected = 0.5 * Math.log(0.5 / (1 - a + a * 0.5)) + 0.5 * Math.log(0.5 / (a * 0.5));
    expect(calibrationKl([7], [0], tiny)).toBeCloseTo(expected, 12);
    expect(calibrationKl([4, 5, 6], [0, 1], tiny)).toBeCloseTo(allGenre0, 12);
    expect(allGenre0).toBeCloseTo(1.26698, 4);
  });

  it('weights the history', () => {
    // Weights 1 and 3 on {0} and {1}: p = (1/4, 3/4); q = (0, 1).
    expect(calibrationKl([4, 6], [3], tiny, [1, 3])).toBeCloseTo(kl2(1 / 4, 0), 12);
    expect(calibrationKl([4, 6], [3], tiny, [0, 3])).toBeCloseTo(0, 12);
  });

  it('ignores items without genres; is log(1 / alpha) for a list without any; NaN without a target', () => {
    expect(calibrationKl([4, 8], [0, 8], tiny)).toBeCloseTo(0, 12);
    expect(calibrationKl([4, 6], [], tiny)).toBeCloseTo(Math.log(1 / a), 12);
    expect(calibrationKl([4, 6], [8], tiny)).toBeCloseTo(Math.log(1 / a), 12);
    expect(calibrationKl([8], [0], tiny)).toBeNaN();
    expect(calibrationKl([], [0], tiny)).toBeNaN();
  });

  it('refuses bad columns and weights, naming them', () => {
    expect(() => calibrationKl([4, 99], [0], tiny)).toThrow(/history\[1\]/);
    expect(() => calibrationKl([4], [0, -1], tiny)).toThrow(/list\[1\]/);
    expect(() => calibrationKl([4, 5], [0], tiny, [1])).toThrow(/weights/);
    expect(() => calibrationKl([4, 5], [0], tiny, [1, -1])).toThrow(/weight 1/);
  });
});

describe('calibrate', () => {
  it('picks by hand at lambda 0.5: the genre-1 item second, then the list is calibrated', () => {
    // Step 1: columns 0..2 all give q = (1, 0); column 0 is the most relevant (0.5 - 0.5 * 1.267);
    // column 3 alone scores 0 - 0.5 * kl(q = (0, 1)) = -1.35. Step 2: column 1 -> 0.45 - 0.5 * 1.267 =
    // -0.18, column 3 -> 0 - 0.5 * 0.056 = -0.03. Step 3: column 1 makes q = p (KL 0) and is more relevant.
    const result = calibrate(tinyPool, tiny, { k: 3, lambda: 0.5 }, tinyHistory);
    expect(result.items).toEqual([0, 3, 1]);
    expect(result.promoted).toEqual([3]);
    expect(result.detail.klBefore).toBeCloseTo(allGenre0, 12);
    expect(result.detail.klAfter).toBeCloseTo(0, 12);
    expect(halfAndHalf).toBeCloseTo(0.05555, 4);
  });

  it('keeps the relevance order while relevance outweighs KL, and lowers KL as lambda grows', () => {
    // At lambda 0.2, step 2: column 1 -> 0.8 * 0.9 - 0.2 * 1.267 = 0.47 beats column 3 -> -0.01.
    expect(calibrate(tinyPool, tiny, { k: 3, lambda: 0.2 }, tinyHistory).items).toEqual([0, 1, 2]);
    const kl = [0, 0.2, 0.5, 1].map(
      (lambda) => calibrate(tinyPool, tiny, { k: 3, lambda }, tinyHistory).detail.klAfter as number,
    );
    expect(kl[0]).toBeCloseTo(allGenre0, 12);
    expect(kl[1]).toBeCloseTo(allGenre0, 12);
    expect(kl[2]).toBeCloseTo(0, 12);
    expect(kl[3]).toBeCloseTo(0, 12);
  });

  it('breaks KL ties by relevance, not pool position', () => {
    // At lambda 1 the genre-0 columns tie at step 1 and columns 1 and 2 tie (KL 0) at step 3.
    const shuffled: RerankPool = { items: [2, 1, 0, 3], relevance: [0.8, 0.9, 1, 0] };
    expect(calibrate(shuffled, tiny, { k: 3, lambda: 1 }, tinyHistory).items).toEqual([0, 3, 1]);
  });

  it('keeps the relevance order, with no KL figures, when the history has no genres', () => {
    const result = calibrate(tinyPool, tiny, { k: 2, lambda: 1 }, { items: [8] });
    expect(result).toEqual({
      items: [0, 1],
      promoted: [],
      detail: { lambda: 1, klBefore: null, klAfter: null },
    });
  });

  it('returns the relevance order at lambda 0, equal scores in pool order', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 200; trial += 1) {
      const { features, pool, history, k } = randomCase(random);
      const expected = pool.items
        .map((column, i) => ({ column, i, score: pool.relevance[i] as number }))
        .sort((x, y) => y.score - x.score || x.i - y.i)
        .slice(0, k)
        .map(({ column }) => column);
      expect(calibrate(pool, features, { k, lambda: 0 }, history).items).toEqual(expected);
    }
  });

  it('takes, at every step, an item whose objective is the best by a from-scratch KL', () => {
    const random = mulberry32(5);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, history, k, lambda } = randomCase(random);
      const result = calibrate(pool, features, { k, lambda }, history);
      if (Number.isNaN(calibrationKl(history.items, [], features, history.weights))) continue;
      const low = Math.min(...pool.relevance);
      const range = Math.max(...pool.relevance) - low;
      const objective = (prefix: number[], column: number) => {
        const rel = range > 0 ? ((pool.relevance[pool.items.indexOf(column)] as number) - low) / range : 0;
        return (
          (1 - lambda) * rel -
          lambda * calibrationKl(history.items, [...prefix, column], features, history.weights)
        );
      };
      result.items.forEach((column, position) => {
        const prefix = result.items.slice(0, position);
        const best = Math.max(
          ...pool.items.filter((c) => !prefix.includes(c)).map((c) => objective(prefix, c)),
        );
        expect(objective(prefix, column)).toBeGreaterThanOrEqual(best - 1e-9);
      });
      expect(result.detail.klAfter).toBeCloseTo(
        calibrationKl(history.items, result.items, features, history.weights),
        12,
      );
    }
  });

  it('keeps the list invariants over random pools', () => {
    const random = mulberry32(9);
    for (let trial = 0; trial < 300; trial += 1) {
      const { features, pool, history, k, lambda } = randomCase(random);
      const result = calibrate(pool, features, { k, lambda }, history);
      expectRerankInvariants(result, pool, k);
    }
  });

  it.each([
    [{ k: 0 }, /k:/],
    [{ k: 1.5 }, /k:/],
    [{ lambda: 0.5 }, /k:/],
    [{ k: 3, lambda: -1 }, /lambda:/],
    [{ k: 3, lambda: 1.01 }, /lambda:/],
    [{ k: 3, alpha: 0.1 }, /alpha/],
  ])('refuses params %j, naming the field', (params, field) => {
    expect(() => calibrate(tinyPool, tiny, params as never, tinyHistory)).toThrow(field);
  });

  it('refuses a malformed pool or history, naming the field', () => {
    expect(() => calibrate({ items: [0, 1], relevance: [1] }, tiny, { k: 2 }, tinyHistory)).toThrow(
      /pool\.relevance/,
    );
    expect(() => calibrate({ items: [0, 0], relevance: [1, 1] }, tiny, { k: 2 }, tinyHistory)).toThrow(
      /pool\.items\[1\]/,
    );
    expect(() => calibrate(tinyPool, tiny, { k: 2 }, { items: [4, 42] })).toThrow(/history\.items\[1\]/);
    expect(() => calibrate(tinyPool, tiny, { k: 2 }, { items: [4, 5], weights: [1] })).toThrow(/weights/);
  });

  it('describes every param and types misuse out', () => {
    for (const [name, field] of Object.entries(calibrationParamsSchema.shape)) {
      expect(field.description, name).toMatch(/\w{3}/);
    }
    // @ts-expect-error: calibration needs the viewer's history
    expect(() => calibrate(tinyPool, tiny, { k: 2 })).toThrow();
  });
});
