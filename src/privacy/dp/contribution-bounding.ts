import { cryptoRandom, type RandomSource } from './secure-random.js';

/**
 * Contribution bounding: limits what one subject can add to a query, which is what makes its sensitivity
 * finite. Neighbouring datasets differ by one subject (added or removed, with all their records).
 *
 * - Counts: a subject counts at most once per key, and in at most `maxKeys` keys of the declared domain.
 *   Adding or removing a subject moves at most `maxKeys` keys by 1 each: L1 = maxKeys, L2 = √maxKeys.
 * - Sums: a subject's values are summed per key first, each total clamped to [lower, upper] and rounded to
 *   an integer, and again at most `maxKeys` keys are kept. With B = max(|lower|, |upper|): L1 = maxKeys·B,
 *   L2 = √maxKeys·B.
 *
 * When a subject has more keys than allowed, which ones it keeps is drawn uniformly at random (a partial
 * Fisher-Yates shuffle over its keys in domain order) with the same random source as the noise. Taking
 * the first keys seen instead would make the result depend on record order and systematically favour
 * keys that come first; any per-subject rule keeps the sensitivity, so the choice is about bias only.
 */

export type HistogramRecord = { subject: string } & ({ key: string } | { keys: readonly string[] });

export interface ValueRecord {
  subject: string;
  key: string;
  value: number;
}

/**
 * Exact counts of what bounding changed. Not differentially private: for the operator, logs and tests;
 * never show them to the analyst who receives the noisy result.
 */
export interface BoundingReport {
  records: number;
  subjects: number;
  /** Records whose key is outside the declared domain; they are ignored (the domain is public). */
  outsideDomain: number;
  /** (subject, key) contributions left out because the subject exceeded `maxKeys`. */
  droppedContributions: number;
  /** (subject, key) totals moved into [lower, upper] (sums only). */
  clampedContributions: number;
}

export interface BoundedTotals {
  /** One integer total per domain key, in domain order. */
  totals: number[];
  sensitivity: { l1: number; l2Squared: number };
  report: BoundingReport;
}

export interface SumBounds {
  /** Least a subject's total per key may count for; an integer. */
  lower: number;
  /** Most a subject's total per key may count for; an integer. */
  upper: number;
}

function indexDomain(domain: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const key of domain) {
    if (index.has(key)) throw new Error(`domain lists key '${key}' twice`);
    index.set(key, index.size);
  }
  if (index.size === 0) throw new Error('the domain must list at least one key');
  return index;
}

function checkMaxKeys(maxKeys: number): void {
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 1)
    throw new Error(`maxKeys must be an integer ≥ 1, got ${maxKeys}`);
}

/** A uniformly random `limit` of the keys (all of them when they fit), in domain order. */
function keep(keys: Iterable<number>, limit: number, random: RandomSource): number[] {
  const sorted = [...keys].sort((a, b) => a - b);
  if (sorted.length <= limit) return sorted;
  for (let i = 0; i < limit; i += 1) {
    const j = i + Number(random.randomInt(sorted.length - i));
    [sorted[i], sorted[j]] = [sorted[j] as number, sorted[i] as number];
  }
  return sorted.slice(0, limit).sort((a, b) => a - b);
}

const emptyReport = (): BoundingReport => ({
  records: 0,
  subjects: 0,
  outsideDomain: 0,
  droppedContributions: 0,
  clampedContributions: 0,
});

/** Distinct subjects per key, each subject in at most `maxKeys` keys. */
export function boundCounts(
  records: Iterable<HistogramRecord>,
  domain: readonly string[],
  maxKeys: number,
  random: RandomSource = cryptoRandom,
): BoundedTotals {
  checkMaxKeys(maxKeys);
  const index = indexDomain(domain);
  const report = emptyReport();
  const keysBySubject = new Map<string, Set<number>>();
  for (const record of records) {
    report.records += 1;
    let keys = keysBySubject.get(record.subject);
    if (!keys) keysBySubject.set(record.subject, (keys = new Set()));
    for (const key of 'keys' in record ? record.keys : [record.key]) {
      const position = index.get(key);
      if (position === undefined) report.outsideDomain += 1;
      else keys.add(position);
    }
  }
  const totals = new Array<number>(index.size).fill(0);
  for (const keys of keysBySubject.values()) {
    const kept = keep(keys, maxKeys, random);
    report.droppedContributions += keys.size - kept.length;
    for (const position of kept) totals[position] = (totals[position] as number) + 1;
  }
  report.subjects = keysBySubject.size;
  return { totals, sensitivity: { l1: maxKeys, l2Squared: maxKeys }, report };
}

/** Sums per key of each subject's clamped, rounded total, each subject in at most `maxKeys` keys. */
export function boundSums(
  records: Iterable<ValueRecord>,
  domain: readonly string[],
  maxKeys: number,
  bounds: SumBounds,
  random: RandomSource = cryptoRandom,
): BoundedTotals {
  checkMaxKeys(maxKeys);
  const { lower, upper } = bounds;
  if (!Number.isSafeInteger(lower) || !Number.isSafeInteger(upper) || lower > upper) {
    throw new Error(`sum bounds must be integers with lower ≤ upper, got [${lower}, ${upper}]`);
  }
  const index = indexDomain(domain);
  const report = emptyReport();
  const sumsBySubject = new Map<string, Map<number, number>>();
  for (const record of records) {
    report.records += 1;
    if (!Number.isFinite(record.value)) throw new Error(`value must be finite, got ${record.value}`);
    let sums = sumsBySubject.get(record.subject);
    if (!sums) sumsBySubject.set(record.subject, (sums = new Map()));
    const position = index.get(record.key);
    if (position === undefined) report.outsideDomain += 1;
    else sums.set(position, (sums.get(position) ?? 0) + record.value);
  }
  const totals = new Array<number>(index.size).fill(0);
  for (const sums of sumsBySubject.values()) {
    const kept = keep(sums.keys(), maxKeys, random);
    report.droppedContributions += sums.size - kept.length;
    for (const position of kept) {
      const sum = sums.get(position) as number;
      const clamped = Math.min(upper, Math.max(lower, sum));
      if (clamped !== sum) report.clampedContributions += 1;
      // Integer noise only hides integer differences: a fractional total would show through the noise.
      totals[position] = (totals[position] as number) + Math.round(clamped);
    }
  }
  report.subjects = sumsBySubject.size;
  const bound = Math.max(Math.abs(lower), Math.abs(upper));
  return {
    totals,
    sensitivity: { l1: maxKeys * bound, l2Squared: maxKeys * bound * bound },
    report,
  };
}
