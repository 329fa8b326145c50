import { checkRatio, learningCount } from './split-counts.js';
import type { StrongGeneralizationSplit } from './evaluation-split.js';
import { type SplitSource, pairMatrix } from './interaction-events.js';
import { partitionMatrix } from './partition-matrix.js';
import { seededRandom, shuffleRange } from '../../random/seeded-random.js';

export interface StrongGeneralizationOptions {
  /** Share of the eligible users held out of training entirely, strictly between 0 and 1. */
  heldOutRatio: number;
  /** Share of a held-out user's distinct items given to the model at scoring time (fold-in). */
  foldInRatio: number;
  seed: number;
}

/** Stream numbers for the user draw, apart from the per-user streams (which are the user indices). */
const USER_DRAW_STREAM = 0x7fffffff;

/**
 * Strong generalization: Math.round(heldOutRatio * m) of the m users with at least two distinct items
 * (at least one when m >= 1), drawn with the seed, are held out of training. Each held-out user's items
 * are shuffled; the first learningCount(n, foldInRatio) are the fold-in history the model scores from,
 * the rest the test truth. The model is fitted on the other users only, all of whose events are train.
 */
export function strongGeneralizationSplit(
  source: SplitSource,
  { heldOutRatio, foldInRatio, seed }: StrongGeneralizationOptions,
): StrongGeneralizationSplit {
  checkRatio('heldOutRatio', heldOutRatio);
  checkRatio('foldInRatio', foldInRatio);
  const matrix = pairMatrix(source);
  const eligible: number[] = [];
  for (let u = 0; u < matrix.nUsers; u += 1) {
    if ((matrix.rowStart[u + 1] as number) - (matrix.rowStart[u] as number) >= 2) eligible.push(u);
  }
  const candidates = Int32Array.from(eligible);
  shuffleRange(candidates, 0, candidates.length, seededRandom(seed, USER_DRAW_STREAM));
  const nHeldOut = candidates.length === 0 ? 0 : Math.max(1, Math.round(heldOutRatio * candidates.length));
  const heldOutUsers = candidates.slice(0, nHeldOut).sort();

  const labels = new Uint8Array(matrix.itemIndex.length);
  const order = new Int32Array(matrix.itemIndex.length);
  for (let e = 0; e < order.length; e += 1) order[e] = e;
  for (const u of heldOutUsers) {
    const start = matrix.rowStart[u] as number;
    const end = matrix.rowStart[u + 1] as number;
    shuffleRange(order, start, end, seededRandom(seed, u));
    const nFoldIn = learningCount(end - start, foldInRatio);
    for (let e = start; e < end; e += 1) labels[order[e] as number] = e < start + nFoldIn ? 2 : 1;
  }
  const [train, test, foldIn] = partitionMatrix(matrix, labels, 3) as [
    StrongGeneralizationSplit['train'],
    StrongGeneralizationSplit['test'],
    StrongGeneralizationSplit['foldIn'],
  ];
  return { train, test, foldIn, heldOutUsers };
}
