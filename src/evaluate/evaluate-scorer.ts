import { type InteractionMatrix, historyOf } from '../models/interaction-matrix.js';
import type { Scorer } from '../models/recommender.js';
import { MaskTruth } from './mask-truth.js';
import type { BeyondAccuracy, EvaluationReport, MetricValues } from './evaluation-report.js';
import { averagePopularity } from './metrics/average-popularity.js';
import { catalogContext } from './metrics/catalog-metric.js';
import { catalogCoverage } from './metrics/catalog-coverage.js';
import { distributionalCoverage } from './metrics/distributional-coverage.js';
import { exposureGini } from './metrics/exposure-gini.js';
import { intraListDiversity } from './metrics/intra-list-diversity.js';
import { longTailShare } from './metrics/long-tail-share.js';
import { RANKING_METRICS, type RankingLabel } from './metrics/metric-sets.js';
import { novelty } from './metrics/novelty.js';
import { type EvaluationSplit, historyMatrixOf } from './splits/evaluation-split.js';
import { selectTopK } from './top-k.js';
import { type TopKLists, listAt } from './top-k-lists.js';

export interface EvaluateOptions {
  /** List length. */
  k: number;
  /** Genre indices per item, for intra-list diversity. */
  itemGenres?: readonly ArrayLike<number>[];
}

function checkShape(name: string, matrix: InteractionMatrix, train: InteractionMatrix): void {
  if (matrix.nUsers !== train.nUsers || matrix.nItems !== train.nItems) {
    throw new Error(
      `${name} is ${matrix.nUsers} x ${matrix.nItems}, train is ${train.nUsers} x ${train.nItems}`,
    );
  }
}

function rowLength(matrix: InteractionMatrix, user: number): number {
  return (matrix.rowStart[user + 1] as number) - (matrix.rowStart[user] as number);
}

/** Scores every user with a test item from their history and keeps the top k unseen items. */
function recommend(scorer: Scorer, split: EvaluationSplit, users: Int32Array, k: number): TopKLists {
  const nItems = split.train.nItems;
  const scores = new Float32Array(nItems);
  const items = new Int32Array(users.length * k).fill(-1);
  const lengths = new Int32Array(users.length);
  for (let i = 0; i < users.length; i += 1) {
    const user = users[i] as number;
    const history = historyOf(historyMatrixOf(split, user), user);
    const scored = scorer.score(history, scores);
    if (scored.length !== nItems) {
      throw new Error(`scorer ${scorer.algorithm} returned ${scored.length} scores, expected ${nItems}`);
    }
    lengths[i] = selectTopK(scored, k, history.items, items, i * k);
  }
  return { k, nItems, users, items, lengths };
}

/**
 * Evaluates a fitted scorer on a split: each user with a test item is scored from their history (fold-in
 * row if any, else train row), the items of that history are removed, and the top k are measured
 * against the user's test items with every ranking and beyond-accuracy metric.
 */
export function evaluateScorer(
  scorer: Scorer,
  split: EvaluationSplit,
  options: EvaluateOptions,
): EvaluationReport {
  const { k, itemGenres } = options;
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`k must be a positive integer, got ${k}`);
  const { train, test, foldIn } = split;
  checkShape('test', test, train);
  if (foldIn) checkShape('foldIn', foldIn, train);
  if (scorer.nItems !== train.nItems) {
    throw new Error(`scorer ${scorer.algorithm} has ${scorer.nItems} items, the split ${train.nItems}`);
  }

  const evaluated: number[] = [];
  for (let u = 0; u < test.nUsers; u += 1) if (rowLength(test, u) > 0) evaluated.push(u);
  const users = Int32Array.from(evaluated);

  const started = performance.now();
  const lists = recommend(scorer, split, users, k);
  const predictSeconds = (performance.now() - started) / 1000;

  const perUser = RANKING_METRICS.map(() => new Float64Array(users.length));
  const truth = new MaskTruth(train.nItems);
  for (let i = 0; i < users.length; i += 1) {
    const user = users[i] as number;
    const testItems = test.itemIndex.subarray(
      test.rowStart[user] as number,
      test.rowStart[user + 1] as number,
    );
    truth.set(testItems, 1);
    const list = listAt(lists, i);
    RANKING_METRICS.forEach((metric, m) => {
      (perUser[m] as Float64Array)[i] = metric.measure(list, truth, k);
    });
    truth.set(testItems, 0);
  }
  const ranking = Object.fromEntries(
    RANKING_METRICS.map((metric, m) => {
      const values = perUser[m] as Float64Array;
      let sum = 0;
      for (const value of values) sum += value;
      return [metric.label, { mean: sum / values.length, perUser: values } satisfies MetricValues];
    }),
  ) as Record<RankingLabel, MetricValues>;

  const context = catalogContext(train, itemGenres);
  const { entropy, normalized } = distributionalCoverage.measure(lists, context);
  const beyondAccuracy: BeyondAccuracy = {
    catalogCoverage: catalogCoverage.measure(lists, context),
    entropy,
    normalizedEntropy: normalized,
    gini: exposureGini.measure(lists, context),
    novelty: novelty.measure(lists, context),
    intraListDiversity: itemGenres ? intraListDiversity.measure(lists, context) : null,
    arp: averagePopularity.measure(lists, context),
    aplt: longTailShare.measure(lists, context),
  };

  return {
    k,
    sizes: {
      users: train.nUsers,
      evaluatedUsers: users.length,
      items: train.nItems,
      trainInteractions: train.itemIndex.length,
      testInteractions: test.itemIndex.length,
      foldInInteractions: foldIn ? foldIn.itemIndex.length : 0,
    },
    users,
    ranking,
    beyondAccuracy,
    predictSeconds,
    lists,
  };
}
