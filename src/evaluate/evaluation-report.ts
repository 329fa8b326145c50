import type { RankingLabel } from './metrics/metric-sets.js';
import type { TopKLists } from './top-k-lists.js';

export interface MetricValues {
  readonly mean: number;
  /** One value per evaluated user, aligned with EvaluationReport.users. */
  readonly perUser: Float64Array;
}

export interface BeyondAccuracy {
  readonly catalogCoverage: number;
  /** Shannon entropy (bits) of the recommendation distribution, and over log2(nItems). */
  readonly entropy: number;
  readonly normalizedEntropy: number;
  readonly gini: number;
  readonly novelty: number;
  /** Null when no item genres were given. */
  readonly intraListDiversity: number | null;
  readonly arp: number;
  readonly aplt: number;
}

export interface EvaluationSizes {
  /** Rows of the split (all users, evaluated or not). */
  readonly users: number;
  /** Users with at least one test item: the ones measured. */
  readonly evaluatedUsers: number;
  readonly items: number;
  /** Distinct (user, item) pairs in each part of the split. */
  readonly trainInteractions: number;
  readonly testInteractions: number;
  readonly foldInInteractions: number;
}

/** Everything one evaluation measured. Means are NaN when no user was evaluated. */
export interface EvaluationReport {
  readonly k: number;
  readonly sizes: EvaluationSizes;
  /** The evaluated users, ascending. */
  readonly users: Int32Array;
  readonly ranking: Readonly<Record<RankingLabel, MetricValues>>;
  readonly beyondAccuracy: BeyondAccuracy;
  /** Wall time spent scoring and selecting the top k for every evaluated user. */
  readonly predictSeconds: number;
  /** The lists that were measured, one per evaluated user (for group and error analyses). */
  readonly lists: TopKLists;
}
