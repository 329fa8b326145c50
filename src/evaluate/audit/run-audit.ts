import { algorithmNamed, paramsFor } from '../../models/algorithms.js';
import { itemCounts } from '../../models/interaction-matrix.js';
import type { FitContext } from '../../models/recommender.js';
import type { ItemFeatures } from '../../rerank/rerank-types.js';
import { evaluateScorer } from '../evaluate-scorer.js';
import { splitEvents } from '../offline-evaluation.js';
import { formatSplitSpec, type SplitSpec } from '../split-spec.js';
import { type EvaluationSplit, historyMatrixOf } from '../splits/evaluation-split.js';
import { type AuditDataset, VIEWER_ATTRIBUTES, type ViewerAttribute } from './audit-dataset.js';
import { bootstrapMeanCi } from './bootstrap.js';
import { type DataBias, dataBias } from './data-bias.js';
import { type ErrorAnalysis, findErrorCohorts } from './error-analysis.js';
import {
  type CatalogExposure,
  catalogExposure,
  type ExposureAudit,
  exposureAudit,
  popularityBuckets,
} from './exposure-audit.js';
import { type RerankerTradeoffs, rerankerTradeoffs, type TradeoffOptions } from './reranker-tradeoffs.js';
import {
  type GroupMetricFrame,
  type GroupStat,
  groupMetricFrame,
  intersectionLabels,
  OVERALL,
} from './group-metric-frame.js';

/**
 * One audit of a recommender on a dataset, as `candor audit` prints it and the analyst API serves it:
 * split the interactions, fit on the training part, take every test viewer's top k, and measure
 * - group fairness: nDCG@k by viewer group (each viewer attribute, activity quartile, gender × age band)
 *   with bootstrap intervals, difference and ratio (group-metric-frame.ts);
 * - exposure by creator group and popularity bucket against catalog and relevance (exposure-audit.ts);
 * - the viewer cohorts with the worst nDCG (error-analysis.ts);
 * - representation of groups in the training interactions (data-bias.ts);
 * - with a synthetic dataset's ground truth, whether the planted exposure bias shows.
 * Attributes with a single value (e.g. gender when no viewer consented) are skipped and listed.
 */

export const AUDIT_GROUPINGS = [...VIEWER_ATTRIBUTES, 'activity', 'gender|ageBand'] as const;
export type AuditGrouping = (typeof AUDIT_GROUPINGS)[number];

export interface AuditOptions {
  algorithm: string;
  params?: unknown;
  k: number;
  split: SplitSpec;
  seed: number;
  /** Viewer groupings to compare (default all of AUDIT_GROUPINGS). */
  groupBy?: readonly AuditGrouping[];
  /** Bootstrap resamples (default 1000) and interval coverage (default 0.95). */
  resamples?: number;
  confidence?: number;
  /** Groups with fewer evaluated viewers are reported but not compared (default 20). */
  minGroupSize?: number;
  /** The policy's rerankers and pool size: with them, the report has the reranker trade-off table. */
  tradeoffs?: Omit<TradeoffOptions, 'k'>;
  context?: FitContext;
}

export interface GroupFairness extends GroupMetricFrame {
  attribute: AuditGrouping;
}

/**
 * A share under this fraction of the true relevance share counts as under-representation: the 10%
 * margin keeps the sampling noise of a small catalog (a few head items decide much of the exposure) from
 * reading as bias.
 */
export const UNDER_EXPOSURE_RATIO = 0.9;

export interface PlantedBiasCheck {
  group: 'underrepresented';
  exposureMultiplier: number;
  groundTruth: { catalogShare: number; relevanceShare: number; interactionShare: number };
  /** Measured by this audit: share of catalog items, of top-k exposure and of training interactions. */
  measured: { catalogShare: number; exposureShare: number; interactionShare: number };
  /** Measured exposure share over the true relevance share. */
  exposureToRelevance: number | null;
  /** Measured training-interaction share over the true relevance share. */
  interactionToRelevance: number | null;
  threshold: number;
  /**
   * The group is under-exposed against its true relevance (exposureToRelevance < threshold) and the
   * training interactions under-represent it too (interactionToRelevance < threshold): the bias the
   * generator planted in the log shows in the recommendations.
   */
  detected: boolean;
}

export interface AuditReport {
  dataset: { path: string; format: string };
  algorithm: string;
  params: Record<string, unknown>;
  split: string;
  seed: number;
  k: number;
  metric: string;
  settings: { resamples: number; confidence: number; minGroupSize: number };
  sizes: {
    viewers: number;
    evaluatedViewers: number;
    items: number;
    trainInteractions: number;
    testInteractions: number;
  };
  overall: GroupStat;
  fairness: GroupFairness[];
  /** Groupings, item attributes and checks left out, with why. */
  skipped: { attribute: string; reason: string }[];
  exposure: { catalog: CatalogExposure; byAttribute: ExposureAudit[] };
  errorAnalysis: ErrorAnalysis;
  dataBias: DataBias;
  /** Present when the dataset has a synthetic ground truth and items with under-represented creators. */
  plantedBias: PlantedBiasCheck | null;
  /** What each reranker costs in accuracy and buys in exposure and diversity (with options.tradeoffs). */
  tradeoffs: RerankerTradeoffs | null;
  fitSeconds: number;
}

/**
 * Quartile bucket of each viewer's activity (training interactions): Q1 up to the 25th percentile, Q2
 * to the median, Q3 to the 75th, Q4 above, each labelled with the range its viewers span, e.g.
 * "Q1 (3-23)". Tied quartiles leave a bucket empty rather than split equal viewers.
 */
export function activityQuartiles(counts: ArrayLike<number>): string[] {
  const sorted = Float64Array.from(counts).sort();
  const cuts = [0.25, 0.5, 0.75].map((p) => sorted[Math.floor(p * (sorted.length - 1))] as number);
  const bucketOf = (count: number) => cuts.filter((cut) => count > cut).length;
  const ranges = cuts.concat(0).map(() => ({ lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY }));
  for (const count of sorted) {
    const range = ranges[bucketOf(count)] as { lo: number; hi: number };
    range.lo = Math.min(range.lo, count);
    range.hi = Math.max(range.hi, count);
  }
  return Array.from(counts, (count) => {
    const q = bucketOf(count);
    const { lo, hi } = ranges[q] as { lo: number; hi: number };
    return `Q${q + 1} (${lo}-${hi})`;
  });
}

/** Rounds every non-integer number to 4 decimals; integers (counts) and the rest stay as they are. */
function rounded<T>(value: T): T {
  if (typeof value === 'number') {
    return (Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toFixed(4)) : value) as T;
  }
  if (Array.isArray(value)) return value.map(rounded) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rounded(v)])) as T;
  }
  return value;
}

const distinct = (labels: readonly string[]) => new Set(labels).size;

function historyCounts(split: EvaluationSplit, users: Int32Array): Float64Array {
  return Float64Array.from(users, (user) => {
    const matrix = historyMatrixOf(split, user);
    return (matrix.rowStart[user + 1] as number) - (matrix.rowStart[user] as number);
  });
}

/** The catalog facts the rerankers read, from the dataset and the split's training popularity. */
function rerankFeatures(dataset: AuditDataset, split: EvaluationSplit): ItemFeatures {
  return {
    genres: dataset.events.itemGenres.map((genres) => Array.from(genres)),
    genreCount: dataset.events.genres.length,
    popularity: itemCounts(split.train),
    underrepresented: Uint8Array.from(dataset.itemCreatorGroups, (group) =>
      group === 'underrepresented' ? 1 : 0,
    ),
  };
}

/** The planted-bias check, or null when no item is known to have an under-represented creator. */
function plantedBiasCheck(
  truth: NonNullable<AuditDataset['groundTruth']>,
  exposure: ExposureAudit | undefined,
  bias: DataBias,
): PlantedBiasCheck | null {
  const exposed = exposure?.groups.find((g) => g.group === 'underrepresented');
  if (!exposed) return null;
  const logged = bias.items
    .find((r) => r.attribute === 'creatorGroup')
    ?.groups.find((g) => g.group === 'underrepresented');
  const measured = {
    catalogShare: exposed.catalogShare,
    exposureShare: exposed.exposureShare,
    interactionShare: logged?.interactionShare ?? 0,
  };
  const relevance = truth.relevanceShare;
  const exposureToRelevance = relevance === 0 ? null : measured.exposureShare / relevance;
  const interactionToRelevance = relevance === 0 ? null : measured.interactionShare / relevance;
  return {
    group: 'underrepresented',
    exposureMultiplier: truth.exposureMultiplier,
    groundTruth: {
      catalogShare: truth.catalogShare,
      relevanceShare: relevance,
      interactionShare: truth.interactionShare,
    },
    measured,
    exposureToRelevance,
    interactionToRelevance,
    threshold: UNDER_EXPOSURE_RATIO,
    detected:
      exposureToRelevance !== null &&
      interactionToRelevance !== null &&
      exposureToRelevance < UNDER_EXPOSURE_RATIO &&
      interactionToRelevance < UNDER_EXPOSURE_RATIO,
  };
}

/** Runs every audit on a dataset; see the module comment. */
export async function runAudit(dataset: AuditDataset, options: AuditOptions): Promise<AuditReport> {
  const { events, viewers } = dataset;
  const { k, seed, resamples = 1000, confidence = 0.95, minGroupSize = 20 } = options;
  const algorithm = algorithmNamed(options.algorithm);
  const params = paramsFor(algorithm, options.params);
  const split = splitEvents(events, options.split, seed);
  const started = performance.now();
  const scorer = await algorithm.fit(split.train, params, options.context);
  const fitSeconds = (performance.now() - started) / 1000;
  const evaluation = evaluateScorer(scorer, split, { k, itemGenres: events.itemGenres });
  const { users, lists } = evaluation;
  if (users.length === 0) throw new Error('no viewer has a test item: nothing to audit');
  const ndcg = evaluation.ranking.ndcg.perUser;
  const metric = `ndcg@${k}`;
  const bootstrap = { resamples, confidence, seed };
  const skipped: AuditReport['skipped'] = [];

  // Fairness: one frame per grouping with at least two groups among the evaluated viewers.
  const activity = historyCounts(split, users);
  const labelsOf = (attribute: ViewerAttribute) => Array.from(users, (u) => viewers[attribute][u] as string);
  const columns: Record<AuditGrouping, () => string[]> = {
    gender: () => labelsOf('gender'),
    ageBand: () => labelsOf('ageBand'),
    occupation: () => labelsOf('occupation'),
    profileKind: () => labelsOf('profileKind'),
    activity: () => activityQuartiles(activity),
    'gender|ageBand': () => intersectionLabels(labelsOf('gender'), labelsOf('ageBand')),
  };
  // An intersection with a single-valued part would only repeat the other part.
  const parts: Partial<Record<AuditGrouping, ViewerAttribute[]>> = {
    'gender|ageBand': ['gender', 'ageBand'],
  };
  const fairness: GroupFairness[] = [];
  for (const attribute of options.groupBy ?? AUDIT_GROUPINGS) {
    const flat = parts[attribute]?.find((part) => distinct(labelsOf(part)) < 2);
    if (flat) {
      skipped.push({ attribute, reason: `${flat} has one value among evaluated viewers` });
      continue;
    }
    const labels = columns[attribute]();
    if (distinct(labels) < 2) {
      skipped.push({ attribute, reason: `one value (${labels[0]}) among evaluated viewers` });
      continue;
    }
    fairness.push({ attribute, ...groupMetricFrame(metric, ndcg, labels, { ...bootstrap, minGroupSize }) });
  }

  // Exposure against catalog and relevance (the viewers' test items).
  const itemAttributes: Record<string, string[]> = {
    creatorGroup: dataset.itemCreatorGroups,
    popularity: popularityBuckets(itemCounts(split.train)),
  };
  for (const [attribute, labels] of Object.entries(itemAttributes)) {
    if (distinct(labels) < 2) {
      skipped.push({ attribute, reason: `every item is ${labels[0]}` });
      delete itemAttributes[attribute];
    }
  }
  const relevant = Array.from(users, (u) =>
    split.test.itemIndex.subarray(split.test.rowStart[u] as number, split.test.rowStart[u + 1] as number),
  );
  const byAttribute = Object.entries(itemAttributes).map(([attribute, labels]) =>
    exposureAudit(attribute, lists, labels, relevant),
  );

  const categorical = Object.fromEntries(
    VIEWER_ATTRIBUTES.map((attribute) => [attribute, labelsOf(attribute)] as const).filter(
      ([, labels]) => distinct(labels) > 1,
    ),
  );
  const errorAnalysis = findErrorCohorts(
    Float64Array.from(ndcg, (value) => 1 - value),
    { categorical, numeric: { activity } },
  );

  const viewerAttributes = Object.fromEntries(
    VIEWER_ATTRIBUTES.filter((attribute) => distinct(viewers[attribute]) > 1).map((a) => [a, viewers[a]]),
  );
  const bias = dataBias(split.train, itemAttributes, viewerAttributes);

  const report: AuditReport = {
    dataset: dataset.source,
    algorithm: algorithm.name,
    params,
    split: formatSplitSpec(options.split),
    seed,
    k,
    metric,
    settings: { resamples, confidence, minGroupSize },
    sizes: {
      viewers: events.userIds.length,
      evaluatedViewers: users.length,
      items: events.itemIds.length,
      trainInteractions: evaluation.sizes.trainInteractions,
      testInteractions: evaluation.sizes.testInteractions,
    },
    overall: {
      group: OVERALL,
      n: users.length,
      mean: evaluation.ranking.ndcg.mean,
      ci: bootstrapMeanCi(ndcg, bootstrap),
    },
    fairness,
    skipped,
    exposure: { catalog: catalogExposure(lists), byAttribute },
    errorAnalysis,
    dataBias: bias,
    plantedBias: null,
    tradeoffs: options.tradeoffs
      ? rerankerTradeoffs(scorer, split, rerankFeatures(dataset, split), { k, ...options.tradeoffs })
      : null,
    fitSeconds,
  };
  if (dataset.groundTruth) {
    const creators = byAttribute.find((a) => a.attribute === 'creatorGroup');
    report.plantedBias = plantedBiasCheck(dataset.groundTruth, creators, bias);
    if (!report.plantedBias) {
      skipped.push({ attribute: 'plantedBias', reason: 'no item has an under-represented creator' });
    }
  }
  // Parameters stay exact (a regularization of 1e-5 must not print as 0).
  return { ...rounded(report), params };
}
