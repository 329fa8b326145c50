import type { EvaluationSplit } from './evaluation-split.js';
import { type TimedEvents, firstTimes, pairMatrix } from './interaction-events.js';
import { partitionMatrix } from './partition-matrix.js';
import { checkRatio } from './split-counts.js';

/** Exactly one of the two: a count of items per user, or a share of them. */
export type TemporalSplitOptions =
  { testCount: number; testRatio?: never } | { testRatio: number; testCount?: never };

/**
 * How many of a user's n distinct items go to test: min(testCount, n - 1), or Math.round(testRatio * n)
 * kept within [1, n - 1]; always 0 for a user with a single item, so everyone keeps a training item.
 */
export function temporalTestCount(n: number, options: TemporalSplitOptions): number {
  if (n < 2) return 0;
  if (options.testCount !== undefined) return Math.min(options.testCount, n - 1);
  return Math.min(n - 1, Math.max(1, Math.round((options.testRatio as number) * n)));
}

/**
 * Per-user temporal split: each user's most recent items go to test. An item dates from the user's
 * first event with it, so a re-watch does not move an old item into test and every event of a pair
 * stays on one side; equal times are ordered by item index (the higher index counts as later).
 * For a matrix with times per entry, pass eventsFromMatrix(matrix, timestamps).
 */
export function temporalSplit(events: TimedEvents, options: TemporalSplitOptions): EvaluationSplit {
  if (options.testCount !== undefined) {
    if (!(Number.isInteger(options.testCount) && options.testCount >= 1)) {
      throw new Error(`testCount must be a positive integer, got ${options.testCount}`);
    }
  } else checkRatio('testRatio', options.testRatio as number);
  const matrix = pairMatrix(events);
  const times = firstTimes(events, matrix);
  const labels = new Uint8Array(matrix.itemIndex.length);
  const order = new Int32Array(matrix.itemIndex.length);
  for (let e = 0; e < order.length; e += 1) order[e] = e;
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const start = matrix.rowStart[u] as number;
    const end = matrix.rowStart[u + 1] as number;
    const nTest = temporalTestCount(end - start, options);
    if (nTest === 0) continue;
    // Entries within a row are in item order, so ordering equal times by entry orders them by item.
    const row = order
      .subarray(start, end)
      .sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    for (let i = row.length - nTest; i < row.length; i += 1) labels[row[i] as number] = 1;
  }
  const [train, test] = partitionMatrix(matrix, labels, 2) as [
    EvaluationSplit['train'],
    EvaluationSplit['test'],
  ];
  return { train, test };
}
