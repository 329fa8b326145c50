import { describe, expect, it } from 'vitest';
import { maxScoreDifference, randomInteractions, rowsOf, runForgetContract } from '../forget-contract.js';
import { withoutViewers } from '../forget-rows.js';
import { easeParamsSchema } from './ease-params.js';
import { easeAlgorithm } from './ease-scorer.js';
import { solveEase } from './ease-solve.js';
import { forgetEaseViewers } from './ease-unlearn.js';
import { maxAbsDifference } from './test-fixtures.js';

runForgetContract({ algorithm: easeAlgorithm, params: {}, tolerance: 1e-6, seeds: [1, 2] });
runForgetContract({ algorithm: easeAlgorithm, params: { lambda: 2 }, tolerance: 1e-6 });

describe('EASE unlearning', () => {
  const matrix = randomInteractions(5);
  const viewers = Array.from({ length: matrix.nUsers }, (_, u) => u);

  it('downdates P to the inverse of the Gram matrix without the viewers, symmetric bit for bit', () => {
    const gone = [0, 11, 12, 40];
    const fitted = solveEase(matrix, 3);
    const { p, b } = forgetEaseViewers(fitted.p, matrix.nItems, rowsOf(matrix, gone));
    const refit = solveEase(withoutViewers(matrix, gone), 3);
    expect(maxAbsDifference(p, refit.p)).toBeLessThan(1e-12);
    expect(maxAbsDifference(b, refit.b)).toBeLessThan(1e-6);
    const n = matrix.nItems;
    for (let i = 0; i < n; i += 1) {
      expect(b[i * n + i]).toBe(0);
      for (let j = 0; j < i; j += 1) expect(p[i * n + j]).toBe(p[j * n + i]);
    }
  });

  it('refuses a row the model was not trained on once 1 - xᵀPx is not positive', () => {
    const everything = Int32Array.from({ length: matrix.nItems }, (_, i) => i);
    const fitted = solveEase(matrix, 0.01);
    expect(() => forgetEaseViewers(fitted.p, matrix.nItems, Array(50).fill({ items: everything }))).toThrow(
      'was not a row of the training matrix',
    );
  });

  it('widens a Float32 P from an older artifact and says the result is not exact', async () => {
    const params = easeParamsSchema.parse({ lambda: 5 });
    const scorer = await easeAlgorithm.fit(matrix, params);
    const { B, P } = scorer.weights();
    expect(P).toBeInstanceOf(Float64Array);
    const old = easeAlgorithm.load(
      new Map([
        ['B', (B as Float32Array).slice()],
        ['P', Float32Array.from(P as Float64Array)],
      ]),
      params,
      matrix.nItems,
    );
    const unlearned = await old.forget?.(rowsOf(matrix, [4]));
    expect(unlearned?.exact).toBe(false);
    expect(unlearned?.method).toContain('float32');
    const refit = await easeAlgorithm.fit(withoutViewers(matrix, [4]), params);
    const kept = viewers.filter((u) => u !== 4);
    expect(maxScoreDifference(unlearned?.scorer ?? old, refit, matrix, kept)).toBeLessThan(1e-4);
  });
});
