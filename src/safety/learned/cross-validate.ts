/**
 * Stratified k-fold assignment. Strata are arbitrary integers (a class label, or a class-and-source
 * code so that every fold also holds its share of each data source).
 */
import { seededRandom } from '../../random/seeded-random.js';

/**
 * The fold (0..k-1) of every example. Each stratum is shuffled with its own seeded stream and dealt
 * round-robin, starting where the previous stratum stopped, so fold sizes differ by at most one
 * overall and each stratum's count differs by at most one across folds.
 */
export function stratifiedFolds(strata: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be an integer >= 2, got ${k}`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i += 1) {
    const key = strata[i] as number;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  }
  const folds = new Int32Array(strata.length);
  let next = 0;
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const members = Int32Array.from(groups.get(key) as number[]);
    const random = seededRandom(seed, key + 1);
    for (let i = members.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const tmp = members[i] as number;
      members[i] = members[j] as number;
      members[j] = tmp;
    }
    for (const index of members) {
      folds[index] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}

export interface FoldSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export function foldSplit(folds: Int32Array, fold: number): FoldSplit {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i += 1) (folds[i] === fold ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Every split of a k-fold assignment, in fold order. */
export function kFoldSplits(strata: ArrayLike<number>, k: number, seed: number): FoldSplit[] {
  const folds = stratifiedFolds(strata, k, seed);
  return Array.from({ length: k }, (_, fold) => foldSplit(folds, fold));
}
