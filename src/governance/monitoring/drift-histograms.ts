import { POPULARITY_BUCKETS, type PopularityBucket } from '../../evaluate/audit/exposure-audit.js';
import { jensenShannonDivergence, populationStabilityIndex } from './divergence.js';
import type { DistributionName, DistributionReport } from './drift-report.js';

/** Weight per bin key. */
export type Histogram = Map<string, number>;

export interface DriftThresholds {
  psiAlert: number;
  jsAlert: number;
  minEvents: number;
}

/** The bin of items without a genre. */
export const NO_GENRE = '(none)';

const add = (histogram: Histogram, key: string, weight: number) =>
  histogram.set(key, (histogram.get(key) ?? 0) + weight);

/** Events by genre; an item with n genres counts 1/n towards each, so every event weighs one. */
export function genreMix(
  byItem: ReadonlyMap<number, number>,
  genresOf: ReadonlyMap<number, readonly string[]>,
) {
  const histogram: Histogram = new Map();
  for (const [itemKey, events] of byItem) {
    const genres = genresOf.get(itemKey) ?? [];
    if (genres.length === 0) add(histogram, NO_GENRE, events);
    for (const genre of genres) add(histogram, genre, events / genres.length);
  }
  return histogram;
}

/** Events by the popularity bucket (head, mid, tail of the baseline) of their item. */
export function popularityMix(
  byItem: ReadonlyMap<number, number>,
  bucketOf: ReadonlyMap<number, PopularityBucket>,
): Histogram {
  const histogram: Histogram = new Map(POPULARITY_BUCKETS.map((bucket) => [bucket, 0]));
  // An item the baseline never saw (new in the catalog) is in the tail.
  for (const [itemKey, events] of byItem) add(histogram, bucketOf.get(itemKey) ?? 'tail', events);
  return histogram;
}

/** Fixed edges of "events per active viewer per window", so that bins mean the same in every report. */
export const ACTIVITY_BUCKETS = [
  { key: '1', min: 1 },
  { key: '2', min: 2 },
  { key: '3-4', min: 3 },
  { key: '5-9', min: 5 },
  { key: '10-19', min: 10 },
  { key: '20-49', min: 20 },
  { key: '50+', min: 50 },
] as const;

/** Active viewers by how many events they had in a window. */
export function activityMix(activity: readonly number[]): Histogram {
  const histogram: Histogram = new Map(ACTIVITY_BUCKETS.map((bucket) => [bucket.key, 0]));
  for (const events of activity) {
    const bucket = ACTIVITY_BUCKETS.findLast((b) => events >= b.min);
    if (bucket) add(histogram, bucket.key, 1);
  }
  return histogram;
}

export interface Comparison {
  name: DistributionName;
  description: string;
  baseline: Histogram;
  recent: Histogram;
  /** What the minimum is counted in: events for interaction distributions, slots for served ones. */
  baselineTotal: number;
  recentTotal: number;
  unit: string;
  label?: (key: string) => string;
}

/**
 * Compares two histograms over the union of their bins: PSI and Jensen-Shannon, and `drift` when either
 * reaches its threshold. A recent side under `minEvents` is reported as too small to judge, since a few
 * dozen events drift by chance alone.
 */
export function compareHistograms(comparison: Comparison, thresholds: DriftThresholds): DistributionReport {
  const { baseline, recent } = comparison;
  const keys = [...new Set([...baseline.keys(), ...recent.keys()])];
  const sum = (h: Histogram) => [...h.values()].reduce((a, b) => a + b, 0);
  const baselineSum = sum(baseline);
  const recentSum = sum(recent);
  const expected = keys.map((key) => baseline.get(key) ?? 0);
  const actual = keys.map((key) => recent.get(key) ?? 0);
  const bins = keys.map((key, at) => ({
    key,
    label: comparison.label?.(key) ?? key,
    baseline: baselineSum > 0 ? (expected[at] as number) / baselineSum : 0,
    recent: recentSum > 0 ? (actual[at] as number) / recentSum : 0,
  }));
  const base = {
    name: comparison.name,
    description: comparison.description,
    baselineTotal: comparison.baselineTotal,
    recentTotal: comparison.recentTotal,
    bins,
  };
  if (baselineSum === 0) {
    return { ...base, status: 'skipped', reason: 'the baseline is empty', psi: null, js: null };
  }
  if (comparison.recentTotal === 0 || recentSum === 0) {
    return { ...base, status: 'skipped', reason: `no ${comparison.unit} in the window`, psi: null, js: null };
  }
  if (comparison.recentTotal < thresholds.minEvents) {
    return {
      ...base,
      status: 'too-small',
      reason: `${comparison.recentTotal} recent ${comparison.unit}, fewer than the policy's minimum of ${thresholds.minEvents}`,
      psi: null,
      js: null,
    };
  }
  const psi = populationStabilityIndex(expected, actual);
  const js = jensenShannonDivergence(expected, actual);
  const drifted = psi >= thresholds.psiAlert || js >= thresholds.jsAlert;
  return { ...base, status: drifted ? 'drift' : 'ok', reason: null, psi, js };
}
