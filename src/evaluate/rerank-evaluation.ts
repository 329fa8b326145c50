import { historyOf, type InteractionMatrix } from '../models/interaction-matrix.js';
import type { Scorer } from '../models/recommender.js';
import { calibrationKl } from '../rerank/calibration.js';
import { protectedExposureShare } from '../rerank/fair-exposure.js';
import type { ItemFeatures, RerankPool, RerankResult, ViewerHistory } from '../rerank/rerank-types.js';
import { catalogContext } from './metrics/catalog-metric.js';
import { catalogCoverage } from './metrics/catalog-coverage.js';
import { exposureGini } from './metrics/exposure-gini.js';
import { intraListDiversity } from './metrics/intra-list-diversity.js';
import { longTailShare } from './metrics/long-tail-share.js';
import { ndcg } from './metrics/ndcg.js';
import { MaskTruth } from './mask-truth.js';
import { type EvaluationSplit, historyMatrixOf } from './splits/evaluation-split.js';
import { selectTopK } from './top-k.js';
import type { TopKLists } from './top-k-lists.js';

/**
 * Offline evaluation of a reranker: the model scores each viewer once, its top N unseen items become the
 * viewer's candidate pool, and a reranker (or none) chooses the served top k from that pool. Pools are
 * kept, so a sweep over rerankers and pool sizes scores each viewer only once: the top n of a pool of N
 * is its first n items, since ties go to the lower item index at any length.
 */

/** Chooses a viewer's list from their pool (model order, best first) and train history. */
export type PoolReranker = (pool: RerankPool, history: ViewerHistory) => RerankResult;

/** Every evaluated viewer's top-`size` unseen items: pool i is items[i * size .. i * size + lengths[i]). */
export interface CandidatePools {
  readonly size: number;
  /** Viewers with a test item, ascending. */
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly scores: Float32Array;
  readonly lengths: Int32Array;
  readonly scoreSeconds: number;
}

/** What one reranker setting served, and how each list did. Arrays align with `lists.users`. */
export interface RerankRun {
  readonly lists: TopKLists;
  /** nDCG@k of each list against the viewer's test items. */
  readonly ndcg: Float64Array;
  /** Steck's KL of each list from the viewer's train history (NaN when the history has no genre). */
  readonly calibrationKl: Float64Array;
  /** Position-weighted share of each list's exposure going to under-represented creators. */
  readonly exposureShare: Float64Array;
  /** Milliseconds the reranker took per list (0 without one). */
  readonly msPerList: number;
}

export interface RerankSummary {
  readonly ndcg: number;
  readonly catalogCoverage: number;
  readonly gini: number;
  readonly aplt: number;
  /** Mean Jaccard distance between the genre sets of a list's items. */
  readonly intraListDiversity: number;
  /** Mean over viewers whose history has a genre. */
  readonly calibrationKl: number;
  readonly exposureShare: number;
  readonly msPerList: number;
}

export interface RerankOptions {
  /** Served list length. */
  readonly k: number;
  /** Candidates per pool, from k up to the pools' size. */
  readonly poolSize: number;
  /** null serves the model's top k. */
  readonly rerank: PoolReranker | null;
}

function rowOf(matrix: InteractionMatrix, user: number): Int32Array {
  return matrix.itemIndex.subarray(matrix.rowStart[user] as number, matrix.rowStart[user + 1] as number);
}

/**
 * Scores every viewer with a test item from their history (fold-in row if any, else train row), as
 * evaluateScorer does, and keeps their top `size` items outside that history with the scores.
 */
export function candidatePools(scorer: Scorer, split: EvaluationSplit, size: number): CandidatePools {
  if (!(Number.isInteger(size) && size >= 1))
    throw new Error(`pool size must be a positive integer, got ${size}`);
  const { train, test } = split;
  if (scorer.nItems !== train.nItems) {
    throw new Error(`scorer ${scorer.algorithm} has ${scorer.nItems} items, the split ${train.nItems}`);
  }
  const evaluated: number[] = [];
  for (let u = 0; u < test.nUsers; u += 1) if (rowOf(test, u).length > 0) evaluated.push(u);
  const users = Int32Array.from(evaluated);
  const items = new Int32Array(users.length * size).fill(-1);
  const scores = new Float32Array(users.length * size);
  const lengths = new Int32Array(users.length);
  const buffer = new Float32Array(train.nItems);
  const started = performance.now();
  for (let i = 0; i < users.length; i += 1) {
    const user = users[i] as number;
    const history = historyOf(historyMatrixOf(split, user), user);
    const scored = scorer.score(history, buffer);
    if (scored.length !== train.nItems) {
      throw new Error(
        `scorer ${scorer.algorithm} returned ${scored.length} scores, expected ${train.nItems}`,
      );
    }
    const length = selectTopK(scored, size, history.items, items, i * size);
    lengths[i] = length;
    for (let r = 0; r < length; r += 1) {
      scores[i * size + r] = scored[items[i * size + r] as number] as number;
    }
  }
  return { size, users, items, scores, lengths, scoreSeconds: (performance.now() - started) / 1000 };
}

/**
 * Serves each viewer the reranker's choice from the first `poolSize` candidates of their pool (or the
 * first k without a reranker) and measures each list. The reranker sees the viewer's scoring history,
 * unweighted, as the model does; the same history is the calibration target.
 */
export function rerankPools(
  pools: CandidatePools,
  split: EvaluationSplit,
  features: ItemFeatures,
  { k, poolSize, rerank }: RerankOptions,
): RerankRun {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k must be a positive integer, got ${k}`);
  if (!(Number.isInteger(poolSize) && poolSize >= k && poolSize <= pools.size)) {
    throw new Error(
      `poolSize must be an integer from k (${k}) to the pools' size (${pools.size}), got ${poolSize}`,
    );
  }
  const { users } = pools;
  const nItems = split.train.nItems;
  const items = new Int32Array(users.length * k).fill(-1);
  const lengths = new Int32Array(users.length);
  const perList = { ndcg: new Float64Array(users.length), kl: new Float64Array(users.length) };
  const exposureShare = new Float64Array(users.length);
  const truth = new MaskTruth(nItems);
  let rerankMs = 0;
  for (let i = 0; i < users.length; i += 1) {
    const user = users[i] as number;
    const start = i * pools.size;
    const length = Math.min(poolSize, pools.lengths[i] as number);
    const poolItems = Array.from(pools.items.subarray(start, start + length));
    const history: ViewerHistory = { items: Array.from(rowOf(historyMatrixOf(split, user), user)) };
    let served: readonly number[];
    if (rerank) {
      const pool: RerankPool = {
        items: poolItems,
        relevance: Array.from(pools.scores.subarray(start, start + length)),
      };
      const started = performance.now();
      served = rerank(pool, history).items;
      rerankMs += performance.now() - started;
    } else {
      served = poolItems.slice(0, k);
    }
    if (served.length > k) throw new Error(`the reranker served ${served.length} items for k = ${k}`);
    items.set(served, i * k);
    lengths[i] = served.length;
    const testItems = rowOf(split.test, user);
    truth.set(testItems, 1);
    perList.ndcg[i] = ndcg.measure(served, truth, k);
    truth.set(testItems, 0);
    perList.kl[i] = calibrationKl(history.items, served, features);
    exposureShare[i] = protectedExposureShare(served, features);
  }
  return {
    lists: { k, nItems, users, items, lengths },
    ndcg: perList.ndcg,
    calibrationKl: perList.kl,
    exposureShare,
    msPerList: users.length === 0 ? 0 : rerankMs / users.length,
  };
}

/** Scores and serves in one call: candidatePools of `poolSize`, then rerankPools. */
export function evaluateReranker(
  scorer: Scorer,
  split: EvaluationSplit,
  features: ItemFeatures,
  options: RerankOptions,
): RerankRun {
  return rerankPools(candidatePools(scorer, split, options.poolSize), split, features, options);
}

/** Mean of the finite values (NaN when there are none). */
export function finiteMean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] as number;
    if (Number.isFinite(value)) {
      sum += value;
      n += 1;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** The run's means and the catalog metrics of its lists, against the popularity of `train`. */
export function summarizeRerankRun(
  run: RerankRun,
  train: InteractionMatrix,
  features: ItemFeatures,
): RerankSummary {
  const context = catalogContext(train, features.genres);
  return {
    ndcg: finiteMean(run.ndcg),
    catalogCoverage: catalogCoverage.measure(run.lists, context),
    gini: exposureGini.measure(run.lists, context),
    aplt: longTailShare.measure(run.lists, context),
    intraListDiversity: intraListDiversity.measure(run.lists, context),
    calibrationKl: finiteMean(run.calibrationKl),
    exposureShare: finiteMean(run.exposureShare),
    msPerList: run.msPerList,
  };
}
