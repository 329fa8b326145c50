import { describe, expect, it } from 'vitest';

import { binaryMetrics, confusionAtThreshold, confusionMatrix } from './binary-metrics.js';

describe('binary metrics', () => {
  it('counts a hand-built confusion matrix', () => {
    // 3 TP, 1 FN, 2 FP, 4 TN.
    const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const predicted = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];
    expect(confusionMatrix(labels, predicted)).toEqual({ tp: 3, fn: 1, fp: 2, tn: 4 });
    const m = binaryMetrics({ tp: 3, fn: 1, fp: 2, tn: 4 });
    expect(m.precision).toBeCloseTo(3 / 5);
    expect(m.recall).toBeCloseTo(3 / 4);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35);
    expect(m.falsePositiveRate).toBeCloseTo(2 / 6);
    expect(m.balancedAccuracy).toBeCloseTo((3 / 4 + 4 / 6) / 2);
    expect(m.accuracy).toBeCloseTo(7 / 10);
    expect(m.positives).toBe(4);
    expect(m.negatives).toBe(6);
  });

  it('thresholds scores inclusively and never returns NaN', () => {
    expect(confusionAtThreshold([1, 0, 1], [0.5, 0.49, 0.2], 0.5)).toEqual({ tp: 1, fn: 1, fp: 0, tn: 1 });
    const empty = binaryMetrics({ tp: 0, fn: 0, fp: 0, tn: 0 });
    expect(Object.values(empty).every((v) => Number.isFinite(v))).toBe(true);
  });
});
