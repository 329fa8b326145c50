import { describe, expect, it } from 'vitest';
import { type ItemHistory, matrixFromTriplets } from '../models/interaction-matrix.js';
import type { Scorer } from '../models/recommender.js';
import { evaluateScorer } from './evaluate-scorer.js';
import type { StrongGeneralizationSplit } from './splits/evaluation-split.js';

/** A scorer with fixed scores that records each history it is given and each buffer it writes to. */
function fixedScorer(values: number[]) {
  const seen: number[][] = [];
  const buffers = new Set<Float32Array>();
  const scorer: Scorer = {
    algorithm: 'fixed',
    nItems: values.length,
    score(history: ItemHistory, out = new Float32Array(values.length)) {
      seen.push(Array.from(history.items));
      buffers.add(out);
      out.set(values);
      return out;
    },
    weights: () => ({}),
  };
  return { scorer, seen, buffers };
}

const log2 = Math.log2;

describe('evaluateScorer', () => {
  // Train: user 0 {0}, user 1 {1, 2}, user 2 {0, 1, 2, 3}. Test: user 0 {1, 4}, user 1 {3}, user 2 none.
  const train = matrixFromTriplets(3, 5, [0, 1, 1, 2, 2, 2, 2], [0, 1, 2, 0, 1, 2, 3]);
  const test = matrixFromTriplets(3, 5, [0, 0, 1], [1, 4, 3]);

  it('removes train items, skips users without test items and measures by hand-checked values', () => {
    const { scorer, seen, buffers } = fixedScorer([5, 4, 3, 2, 1]);
    const report = evaluateScorer(scorer, { train, test }, { k: 2 });
    // User 0 gets [1, 2] against {1, 4}; user 1 gets [0, 3] against {3}.
    expect(seen).toEqual([[0], [1, 2]]);
    expect(buffers.size).toBe(1);
    expect(Array.from(report.users)).toEqual([0, 1]);
    expect(Array.from(report.lists.items)).toEqual([1, 2, 0, 3]);
    const { precision, recall, ndcg, map, mrr, hitRate } = report.ranking;
    expect(Array.from(precision.perUser)).toEqual([1 / 2, 1 / 2]);
    expect(Array.from(recall.perUser)).toEqual([1 / 2, 1]);
    expect(ndcg.perUser[0]).toBeCloseTo(1 / (1 + 1 / log2(3)), 12);
    expect(ndcg.perUser[1]).toBeCloseTo(1 / log2(3), 12);
    expect(ndcg.mean).toBeCloseTo((1 / (1 + 1 / log2(3)) + 1 / log2(3)) / 2, 12);
    expect(Array.from(map.perUser)).toEqual([1 / 2, 1 / 2]); // (1/1) / min(2, 2) and (1/2) / 1
    expect(Array.from(mrr.perUser)).toEqual([1, 1 / 2]);
    expect(hitRate.mean).toBe(1);
    expect(recall.mean).toBeCloseTo(3 / 4, 12);
    expect(report.sizes).toEqual({
      users: 3,
      evaluatedUsers: 2,
      items: 5,
      trainInteractions: 7,
      testInteractions: 3,
      foldInInteractions: 0,
    });
    expect(report.beyondAccuracy.catalogCoverage).toBeCloseTo(4 / 5, 12);
    expect(report.beyondAccuracy.intraListDiversity).toBeNull();
    expect(report.predictSeconds).toBeGreaterThanOrEqual(0);
  });

  it('measures intra-list diversity when genres are given', () => {
    const { scorer } = fixedScorer([5, 4, 3, 2, 1]);
    const itemGenres = [[0], [0], [1], [0, 1], []];
    const report = evaluateScorer(scorer, { train, test }, { k: 2, itemGenres });
    // [1, 2]: {0} vs {1}, distance 1; [0, 3]: {0} vs {0, 1}, distance 1/2.
    expect(report.beyondAccuracy.intraListDiversity).toBeCloseTo(3 / 4, 12);
  });

  it('scores held-out users from their fold-in history and removes it', () => {
    const split: StrongGeneralizationSplit = {
      train: matrixFromTriplets(3, 5, [0, 0], [0, 1]),
      foldIn: matrixFromTriplets(3, 5, [2, 2], [0, 3]),
      test: matrixFromTriplets(3, 5, [2], [1]),
      heldOutUsers: Int32Array.of(2),
    };
    const { scorer, seen } = fixedScorer([5, 4, 3, 2, 1]);
    const report = evaluateScorer(scorer, split, { k: 1 });
    expect(seen).toEqual([[0, 3]]);
    expect(Array.from(report.lists.items)).toEqual([1]);
    expect(report.ranking.precision.mean).toBe(1);
    expect(report.sizes.foldInInteractions).toBe(2);
  });

  it('reports NaN means when no user has a test item', () => {
    const { scorer } = fixedScorer([1, 1, 1, 1, 1]);
    const report = evaluateScorer(scorer, { train, test: matrixFromTriplets(3, 5, [], []) }, { k: 3 });
    expect(report.sizes.evaluatedUsers).toBe(0);
    expect(report.ranking.ndcg.mean).toBeNaN();
    expect(report.beyondAccuracy.catalogCoverage).toBe(0);
  });

  it('rejects a bad k and a scorer or test of another shape', () => {
    const { scorer } = fixedScorer([1, 1, 1, 1, 1]);
    expect(() => evaluateScorer(scorer, { train, test }, { k: 0 })).toThrow(/k/);
    expect(() => evaluateScorer(fixedScorer([1, 1]).scorer, { train, test }, { k: 2 })).toThrow(/items/);
    expect(() => evaluateScorer(scorer, { train, test: matrixFromTriplets(2, 5, [], []) }, { k: 2 })).toThrow(
      /test/,
    );
  });
});
