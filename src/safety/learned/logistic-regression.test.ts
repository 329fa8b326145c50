import { describe, expect, it } from 'vitest';

import { seededRandom } from '../../random/seeded-random.js';
import { type SparseVector } from './features.js';
import {
  balancedClassWeights,
  fitPlattScaling,
  rowMargin,
  sigmoid,
  trainLogisticRegression,
} from './logistic-regression.js';

/** Two informative features (0 for positives, 1 for negatives) plus random noise features 2..19. */
function toyData(n: number, seed: number): { rows: SparseVector[]; labels: Uint8Array } {
  const random = seededRandom(seed);
  const rows: SparseVector[] = [];
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const label = i % 3 === 0 ? 1 : 0;
    labels[i] = label;
    const noise = 2 + Math.floor(random() * 18);
    rows.push({
      indices: Int32Array.from([label === 1 ? 0 : 1, noise]),
      values: Float32Array.from([0.5 + random(), random()]),
    });
  }
  return { rows, labels };
}

describe('trainLogisticRegression', () => {
  it('separates a separable toy problem and lowers the loss', () => {
    const { rows, labels } = toyData(300, 1);
    const { model, lossHistory } = trainLogisticRegression(rows, labels, {
      dimension: 20,
      l2: 1e-3,
      sampleWeights: balancedClassWeights(labels),
    });
    expect(lossHistory.length).toBeGreaterThan(2);
    expect(lossHistory.at(-1) as number).toBeLessThan((lossHistory[0] as number) * 0.2);
    for (let i = 1; i < lossHistory.length; i += 1) {
      expect(lossHistory[i] as number).toBeLessThanOrEqual(lossHistory[i - 1] as number);
    }
    rows.forEach((row, i) => {
      expect(sigmoid(rowMargin(model.weights, model.bias, row)) >= 0.5 ? 1 : 0).toBe(labels[i]);
    });
    expect(model.weights[0] as number).toBeGreaterThan(0);
    expect(model.weights[1] as number).toBeLessThan(0);
  });

  it('shrinks weights as the penalty grows', () => {
    const { rows, labels } = toyData(200, 2);
    const weak = trainLogisticRegression(rows, labels, { dimension: 20, l2: 1e-3 }).model;
    const strong = trainLogisticRegression(rows, labels, { dimension: 20, l2: 1 }).model;
    const size = (w: Float32Array): number => Math.hypot(...w);
    expect(size(strong.weights)).toBeLessThan(size(weak.weights));
  });

  it('rejects out-of-range feature indices', () => {
    const rows = [{ indices: Int32Array.from([5]), values: Float32Array.from([1]) }];
    expect(() => trainLogisticRegression(rows, [1], { dimension: 3, l2: 1 })).toThrow(/outside/);
  });
});

describe('fitPlattScaling', () => {
  it('maps margins to increasing probabilities that match the labels', () => {
    const margins = [-3, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 3];
    const labels = [0, 0, 0, 0, 1, 0, 1, 1, 1, 1];
    const { a, b } = fitPlattScaling(margins, labels);
    expect(a).toBeGreaterThan(0);
    expect(sigmoid(a * -3 + b)).toBeLessThan(0.2);
    expect(sigmoid(a * 3 + b)).toBeGreaterThan(0.8);
  });
});
