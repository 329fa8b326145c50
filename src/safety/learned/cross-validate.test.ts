import { describe, expect, it } from 'vitest';

import { kFoldSplits, stratifiedFolds } from './cross-validate.js';

describe('stratified k-fold', () => {
  const strata = Int32Array.from({ length: 103 }, (_, i) => (i % 10 < 3 ? 1 : i % 10 < 4 ? 2 : 0));

  it('gives disjoint test folds that cover every example once', () => {
    const splits = kFoldSplits(strata, 5, 7);
    const seen = new Uint8Array(strata.length);
    for (const split of splits) {
      expect(split.train.length + split.test.length).toBe(strata.length);
      const test = new Set(split.test);
      for (const i of split.train) expect(test.has(i)).toBe(false);
      for (const i of split.test) seen[i] = (seen[i] as number) + 1;
    }
    expect(Array.from(seen).every((count) => count === 1)).toBe(true);
  });

  it('keeps each stratum balanced across folds', () => {
    const folds = stratifiedFolds(strata, 5, 7);
    for (const stratum of [0, 1, 2]) {
      const perFold = [0, 0, 0, 0, 0];
      folds.forEach((fold, i) => {
        if (strata[i] === stratum) perFold[fold] = (perFold[fold] as number) + 1;
      });
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(Array.from(stratifiedFolds(strata, 5, 7))).toEqual(Array.from(stratifiedFolds(strata, 5, 7)));
    expect(Array.from(stratifiedFolds(strata, 5, 8))).not.toEqual(Array.from(stratifiedFolds(strata, 5, 7)));
  });
});
