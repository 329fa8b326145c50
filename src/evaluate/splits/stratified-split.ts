import { checkRatio, learningCount } from './split-counts.js';
import type { EvaluationSplit } from './evaluation-split.js';
import { type SplitSource, pairMatrix } from './interaction-events.js';
import { partitionMatrix } from './partition-matrix.js';
import { seededRandom, shuffleRange } from '../../random/seeded-random.js';

export interface StratifiedSplitOptions {
  /** Share of each user's distinct items that go to train, strictly between 0 and 1 (e.g. 0.75). */
  ratio: number;
  seed: number;
}

/**
 * Per-user random stratified split (the protocol of Microsoft Recommenders' python_stratified_split):
 * each user's distinct items are shuffled with a stream of the seed that depends only on that user, the
 * first learningCount(n, ratio) go to train and the rest to test. All events of one (user, item) pair go
 * to the same side.
 */
export function stratifiedSplit(
  source: SplitSource,
  { ratio, seed }: StratifiedSplitOptions,
): EvaluationSplit {
  checkRatio('ratio', ratio);
  const matrix = pairMatrix(source);
  const labels = new Uint8Array(matrix.itemIndex.length);
  const order = new Int32Array(matrix.itemIndex.length);
  for (let e = 0; e < order.length; e += 1) order[e] = e;
  for (let u = 0; u < matrix.nUsers; u += 1) {
    const start = matrix.rowStart[u] as number;
    const end = matrix.rowStart[u + 1] as number;
    shuffleRange(order, start, end, seededRandom(seed, u));
    const nTrain = learningCount(end - start, ratio);
    for (let e = start + nTrain; e < end; e += 1) labels[order[e] as number] = 1;
  }
  const [train, test] = partitionMatrix(matrix, labels, 2) as [
    EvaluationSplit['train'],
    EvaluationSplit['test'],
  ];
  return { train, test };
}
