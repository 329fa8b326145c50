import { describe, expect, it } from 'vitest';
import { maxScoreDifference, randomInteractions, rowsOf } from '../forget-contract.js';
import { withoutViewers } from '../forget-rows.js';
import { ialsParamsSchema } from './ials-params.js';
import { type IalsScorer, ialsAlgorithm } from './ials-scorer.js';

describe('iALS unlearning', () => {
  const matrix = randomInteractions(21);
  const params = ialsParamsSchema.parse({ factors: 8, iterations: 10, regularization: 2, alpha: 5 });
  const gone = [2, 17];
  const viewers = Array.from({ length: matrix.nUsers }, (_, u) => u).filter((u) => !gone.includes(u));

  it('refreshes the item factors over the remaining matrix, says it is not exact and asks for a retrain', async () => {
    const scorer = (await ialsAlgorithm.fit(matrix, params)) as IalsScorer;
    const before = Float32Array.from(scorer.itemFactors);
    let asked = 0;
    const unlearned = await scorer.forget(rowsOf(matrix, gone), {
      remaining: async () => {
        asked += 1;
        return withoutViewers(matrix, gone);
      },
    });
    expect(asked).toBe(1);
    expect(unlearned).toMatchObject({ exact: false, followUp: 'full retrain recommended' });
    expect(unlearned.method).toContain('item half-step');
    const refreshed = unlearned.scorer as IalsScorer;
    expect(refreshed.itemFactors.every(Number.isFinite)).toBe(true);
    expect(refreshed.itemFactors).not.toEqual(before);
    expect(scorer.itemFactors).toEqual(before);
    expect(maxScoreDifference(refreshed, scorer, matrix, viewers)).toBeGreaterThan(0);
  });

  it('needs the remaining matrix, with the same items', async () => {
    const scorer = await ialsAlgorithm.fit(matrix, params);
    await expect(scorer.forget?.(rowsOf(matrix, gone))).rejects.toThrow('needs context.remaining');
    await expect(
      scorer.forget?.(rowsOf(matrix, gone), { remaining: async () => randomInteractions(1, 10, 5) }),
    ).rejects.toThrow('remaining matrix has 5 items');
  });

  it('stops when aborted', async () => {
    const scorer = await ialsAlgorithm.fit(matrix, params);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      scorer.forget?.(rowsOf(matrix, gone), {
        remaining: async () => withoutViewers(matrix, gone),
        signal: controller.signal,
      }),
    ).rejects.toThrow('stop');
  });
});
