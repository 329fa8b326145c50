import { describe, expect, it } from 'vitest';
import { type ItemHistory, matrixFromTriplets } from '../models/interaction-matrix.js';
import type { Scorer } from '../models/recommender.js';
import { seededRandom } from '../random/seeded-random.js';
import type { ItemFeatures, RerankPool, ViewerHistory } from '../rerank/rerank-types.js';
import { evaluateScorer } from './evaluate-scorer.js';
import {
  candidatePools,
  evaluateReranker,
  type PoolReranker,
  rerankPools,
  summarizeRerankRun,
} from './rerank-evaluation.js';
import { stratifiedSplit } from './splits/stratified-split.js';

/** A scorer whose score for (history, item) is a fixed hash of both, with ties, like a real model's. */
function hashScorer(nItems: number): Scorer {
  return {
    algorithm: 'hash',
    nItems,
    score(history: ItemHistory, out = new Float32Array(nItems)) {
      let seed = 17;
      for (const item of history.items) seed = (seed * 31 + item) | 0;
      const random = seededRandom(seed);
      for (let item = 0; item < nItems; item += 1) out[item] = Math.round(random() * 50) / 10;
      return out;
    },
    weights: () => ({}),
  };
}

/** Random interactions that lean towards low item indices, split 75/25 per viewer. */
function generated(nUsers: number, nItems: number) {
  const random = seededRandom(7);
  const users: number[] = [];
  const items: number[] = [];
  for (let user = 0; user < nUsers; user += 1) {
    const count = 4 + Math.floor(random() * 12);
    for (let e = 0; e < count; e += 1) {
      users.push(user);
      items.push(Math.floor(random() ** 2 * nItems));
    }
  }
  const events = matrixFromTriplets(nUsers, nItems, users, items);
  return stratifiedSplit(events, { ratio: 0.75, seed: 3 });
}

function featuresOf(nItems: number): ItemFeatures {
  return {
    genres: Array.from({ length: nItems }, (_, item) => (item % 5 === 4 ? [] : [item % 3, 3 + (item % 2)])),
    genreCount: 5,
    popularity: new Float64Array(nItems).fill(1),
    underrepresented: Uint8Array.from({ length: nItems }, (_, item) => (item % 4 === 0 ? 1 : 0)),
  };
}

const identity =
  (k: number): PoolReranker =>
  (pool) => ({ items: pool.items.slice(0, k), promoted: [], detail: {} });

const reversed =
  (k: number): PoolReranker =>
  (pool) => ({ items: [...pool.items].reverse().slice(0, k), promoted: [], detail: {} });

describe('rerank evaluation', () => {
  const nItems = 60;
  const split = generated(80, nItems);
  const scorer = hashScorer(nItems);
  const features = featuresOf(nItems);
  const k = 10;

  it('reproduces evaluateScorer exactly without a reranker and with the identity reranker', () => {
    const report = evaluateScorer(scorer, split, { k });
    const withGenres = evaluateScorer(scorer, split, { k, itemGenres: features.genres });
    for (const rerank of [null, identity(k)]) {
      const run = evaluateReranker(scorer, split, features, { k, poolSize: 30, rerank });
      expect(Array.from(run.lists.users)).toEqual(Array.from(report.users));
      expect(Array.from(run.lists.items)).toEqual(Array.from(report.lists.items));
      expect(Array.from(run.ndcg)).toEqual(Array.from(report.ranking.ndcg.perUser));
      const summary = summarizeRerankRun(run, split.train, features);
      expect(summary.ndcg).toBe(report.ranking.ndcg.mean);
      expect(summary.catalogCoverage).toBe(report.beyondAccuracy.catalogCoverage);
      expect(summary.gini).toBe(report.beyondAccuracy.gini);
      expect(summary.aplt).toBe(report.beyondAccuracy.aplt);
      expect(summary.intraListDiversity).toBe(withGenres.beyondAccuracy.intraListDiversity);
    }
  });

  it('a reranker that reverses the pool lowers nDCG', () => {
    const best = summarizeRerankRun(
      evaluateReranker(scorer, split, features, { k, poolSize: 40, rerank: null }),
      split.train,
      features,
    );
    const worst = summarizeRerankRun(
      evaluateReranker(scorer, split, features, { k, poolSize: 40, rerank: reversed(k) }),
      split.train,
      features,
    );
    expect(worst.ndcg).toBeLessThan(best.ndcg);
    expect(worst.msPerList).toBeGreaterThanOrEqual(0);
  });

  it('serves from the first poolSize candidates of larger pools, as a pool of that size would', () => {
    const large = candidatePools(scorer, split, 40);
    const small = candidatePools(scorer, split, 15);
    const seen: RerankPool[] = [];
    const record: PoolReranker = (pool) => {
      seen.push(pool);
      return reversed(k)(pool, { items: [] });
    };
    const fromLarge = rerankPools(large, split, features, { k, poolSize: 15, rerank: record });
    const fromSmall = rerankPools(small, split, features, { k, poolSize: 15, rerank: reversed(k) });
    expect(Array.from(fromLarge.lists.items)).toEqual(Array.from(fromSmall.lists.items));
    expect(seen.every((pool) => pool.items.length === 15 && pool.relevance.length === 15)).toBe(true);
    // Pools are in model order: scores never increase down a pool.
    for (const pool of seen) {
      for (let r = 1; r < pool.relevance.length; r += 1) {
        expect(pool.relevance[r]).toBeLessThanOrEqual(pool.relevance[r - 1] as number);
      }
    }
  });

  it("gives the reranker the viewer's train history and never a train item in the pool", () => {
    const histories: ViewerHistory[] = [];
    const pools: RerankPool[] = [];
    const record: PoolReranker = (pool, history) => {
      histories.push(history);
      pools.push(pool);
      return identity(k)(pool, history);
    };
    const run = evaluateReranker(scorer, split, features, { k, poolSize: 20, rerank: record });
    run.lists.users.forEach((user, i) => {
      const train = split.train.itemIndex.subarray(
        split.train.rowStart[user] as number,
        split.train.rowStart[user + 1] as number,
      );
      expect(histories[i]?.items).toEqual(Array.from(train));
      for (const item of pools[i]?.items ?? []) expect(train.includes(item)).toBe(false);
    });
  });

  it('measures calibration and protected exposure per list', () => {
    const onlyProtected: PoolReranker = (pool) => ({
      items: pool.items.filter((item) => item % 4 === 0).slice(0, k),
      promoted: [],
      detail: {},
    });
    const run = evaluateReranker(scorer, split, features, { k, poolSize: 40, rerank: onlyProtected });
    const summary = summarizeRerankRun(run, split.train, features);
    expect(summary.exposureShare).toBe(1);
    expect(summary.calibrationKl).toBeGreaterThan(0);
    const plain = evaluateReranker(scorer, split, features, { k, poolSize: 40, rerank: null });
    expect(summarizeRerankRun(plain, split.train, features).exposureShare).toBeLessThan(1);
  });

  it('rejects a pool size below k or above the pools it is given', () => {
    const pools = candidatePools(scorer, split, 20);
    expect(() => rerankPools(pools, split, features, { k, poolSize: 5, rerank: null })).toThrow(/poolSize/);
    expect(() => rerankPools(pools, split, features, { k, poolSize: 21, rerank: null })).toThrow(/poolSize/);
    expect(() => candidatePools(scorer, split, 0)).toThrow(/pool size/);
  });
});
