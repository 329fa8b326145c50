import { algorithmNamed, paramsFor } from '../models/algorithms.js';
import type { DatasetEvents } from '../models/dataset-events.js';
import type { FitContext } from '../models/recommender.js';
import { evaluateScorer } from './evaluate-scorer.js';
import type { EvaluationSplit } from './splits/evaluation-split.js';
import { stratifiedSplit } from './splits/stratified-split.js';
import { strongGeneralizationSplit } from './splits/strong-generalization-split.js';
import { temporalSplit } from './splits/temporal-split.js';
import { formatSplitSpec, type SplitSpec } from './split-spec.js';

export interface OfflineEvaluationOptions {
  algorithm: string;
  params?: unknown;
  split: SplitSpec;
  seed: number;
  k: number;
  context?: FitContext;
}

/** One evaluation as `candor evaluate` prints it: every metric, the sizes, fit and predict seconds. */
export interface OfflineEvaluationResult {
  algorithm: string;
  params: Record<string, unknown>;
  split: string;
  seed: number;
  k: number;
  sizes: {
    users: number;
    evaluatedUsers: number;
    items: number;
    events: number;
    train: number;
    test: number;
    foldIn: number;
  };
  metrics: Record<string, number | null>;
  fitSeconds: number;
  predictSeconds: number;
}

export function splitEvents(events: DatasetEvents, spec: SplitSpec, seed: number): EvaluationSplit {
  const source = {
    nUsers: events.userIds.length,
    nItems: events.itemIds.length,
    users: events.users,
    items: events.items,
    timestamps: events.times,
  };
  switch (spec.kind) {
    case 'stratified':
      return stratifiedSplit(source, { ratio: spec.ratio, seed });
    case 'temporal':
      return temporalSplit(source, spec.last < 1 ? { testRatio: spec.last } : { testCount: spec.last });
    case 'strong':
      return strongGeneralizationSplit(source, {
        heldOutRatio: spec.heldOut,
        foldInRatio: spec.foldIn,
        seed,
      });
  }
}

/**
 * Splits, fits on the training part only (all events count as binary interactions), then measures the
 * top k of every viewer with a test item. The same function backs the CLI and the accuracy benchmark.
 */
export async function runOfflineEvaluation(
  events: DatasetEvents,
  options: OfflineEvaluationOptions,
): Promise<OfflineEvaluationResult> {
  const algorithm = algorithmNamed(options.algorithm);
  const params = paramsFor(algorithm, options.params);
  const split = splitEvents(events, options.split, options.seed);
  const started = performance.now();
  const scorer = await algorithm.fit(split.train, params, options.context);
  const fitSeconds = (performance.now() - started) / 1000;
  const report = evaluateScorer(scorer, split, { k: options.k, itemGenres: events.itemGenres });
  const nnz = (matrix: { itemIndex: Int32Array } | undefined) => matrix?.itemIndex.length ?? 0;
  const round = (value: number | null) =>
    value === null || Number.isNaN(value) ? null : Number(value.toFixed(6));
  return {
    algorithm: algorithm.name,
    params,
    split: formatSplitSpec(options.split),
    seed: options.seed,
    k: options.k,
    sizes: {
      users: report.sizes.users,
      evaluatedUsers: report.sizes.evaluatedUsers,
      items: report.sizes.items,
      events: events.users.length,
      train: nnz(split.train),
      test: nnz(split.test),
      foldIn: nnz(split.foldIn),
    },
    metrics: {
      precision: round(report.ranking.precision.mean),
      recall: round(report.ranking.recall.mean),
      ndcg: round(report.ranking.ndcg.mean),
      map: round(report.ranking.map.mean),
      mrr: round(report.ranking.mrr.mean),
      hitRate: round(report.ranking.hitRate.mean),
      catalogCoverage: round(report.beyondAccuracy.catalogCoverage),
      entropy: round(report.beyondAccuracy.entropy),
      normalizedEntropy: round(report.beyondAccuracy.normalizedEntropy),
      gini: round(report.beyondAccuracy.gini),
      novelty: round(report.beyondAccuracy.novelty),
      intraListDiversity: round(report.beyondAccuracy.intraListDiversity),
      arp: round(report.beyondAccuracy.arp),
      aplt: round(report.beyondAccuracy.aplt),
    },
    fitSeconds: Number(fitSeconds.toFixed(3)),
    predictSeconds: Number(report.predictSeconds.toFixed(3)),
  };
}
