import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { mulberry32 } from '../random/seeded-random.js';
import {
  type InteractionMatrix,
  type ItemHistory,
  historyOf,
  matrixFromTriplets,
} from './interaction-matrix.js';
import { withoutViewers } from './forget-rows.js';
import type { Algorithm, Scorer } from './recommender.js';

/**
 * The tests every algorithm with exact unlearning passes, written once: forgetting viewers gives the
 * scores of a refit without them (within `tolerance`), never changes the original scorer, and works
 * after an artifact round trip. Imports vitest, so only test files may import it.
 */
export interface ForgetContractOptions<Schema extends z.ZodType> {
  algorithm: Algorithm<Schema>;
  params?: z.input<Schema>;
  /** Largest |score difference| allowed against a refit: 0 for bit-exact unlearning. */
  tolerance: number;
  /** Seeds of the random matrices to run on (default one). */
  seeds?: readonly number[];
}

/**
 * A random viewer x item matrix with event counts 1..3: each viewer has their own density (0.03 to
 * 0.6), so activities, and with them IUF weights, vary widely, and some item pairs share one viewer only.
 */
export function randomInteractions(seed: number, nUsers = 60, nItems = 40): InteractionMatrix {
  const random = mulberry32(seed);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < nUsers; u += 1) {
    const density = 0.03 + 0.57 * random() ** 2;
    for (let i = 0; i < nItems; i += 1) {
      if (random() >= density) continue;
      users.push(u);
      items.push(i);
      values.push(1 + Math.floor(3 * random()));
    }
  }
  return matrixFromTriplets(nUsers, nItems, users, items, values);
}

/** Largest |score difference| of two scorers over the histories of the given viewers. */
export function maxScoreDifference(
  a: Scorer,
  b: Scorer,
  matrix: InteractionMatrix,
  viewers: readonly number[],
): number {
  let worst = 0;
  for (const u of viewers) {
    const history = historyOf(matrix, u);
    const x = a.score(history);
    const y = b.score(history);
    for (let i = 0; i < x.length; i += 1)
      worst = Math.max(worst, Math.abs((x[i] as number) - (y[i] as number)));
  }
  return worst;
}

/** Rows of the given viewers, as `forget` takes them. */
export const rowsOf = (matrix: InteractionMatrix, viewers: readonly number[]): ItemHistory[] =>
  viewers.map((u) => historyOf(matrix, u));

export function runForgetContract<Schema extends z.ZodType>(options: ForgetContractOptions<Schema>): void {
  const { algorithm, tolerance, seeds = [1] } = options;
  const params = algorithm.paramsSchema.parse(options.params ?? {});
  const fit = (matrix: InteractionMatrix) => algorithm.fit(matrix, params);

  describe.each(seeds)(
    `${algorithm.name} forget contract (${JSON.stringify(options.params ?? {})}, seed %i)`,
    (seed) => {
      const matrix = randomInteractions(seed);
      const first = [7];
      const more = [3, 31, 58];
      const kept = (gone: readonly number[]) =>
        Array.from({ length: matrix.nUsers }, (_, u) => u).filter((u) => !gone.includes(u));

      it('forgets one viewer, then three more, like refits without them', async () => {
        const scorer = await fit(matrix);
        if (!scorer.forget) throw new Error(`${algorithm.name} has no forget()`);
        const once = await scorer.forget(rowsOf(matrix, first));
        expect(once.exact).toBe(true);
        expect(once.scorer).not.toBe(scorer);
        const refitOnce = await fit(withoutViewers(matrix, first));
        expect(maxScoreDifference(once.scorer, refitOnce, matrix, kept(first))).toBeLessThanOrEqual(
          tolerance,
        );

        const all = [...first, ...more];
        const twice = await once.scorer.forget?.(rowsOf(matrix, more));
        if (!twice) throw new Error(`${algorithm.name} lost forget() after forgetting`);
        const refitTwice = await fit(withoutViewers(matrix, all));
        expect(maxScoreDifference(twice.scorer, refitTwice, matrix, kept(all))).toBeLessThanOrEqual(
          tolerance,
        );
      });

      it('leaves the original scorer and its arrays unchanged', async () => {
        const scorer = await fit(matrix);
        const viewers = kept([]);
        const before = viewers.map((u) => scorer.score(historyOf(matrix, u)));
        const arrays = Object.entries(scorer.weights()).map(([name, array]) => [name, array.slice()]);
        await scorer.forget?.(rowsOf(matrix, more));
        expect(viewers.map((u) => scorer.score(historyOf(matrix, u)))).toEqual(before);
        expect(Object.entries(scorer.weights())).toEqual(arrays);
      });

      it('still forgets exactly after an artifact round trip', async () => {
        const scorer = await fit(matrix);
        const copies = new Map(
          Object.entries(scorer.weights()).map(([name, array]) => [name, array.slice()]),
        );
        const loaded = algorithm.load(copies, params, matrix.nItems);
        const unlearned = await loaded.forget?.(rowsOf(matrix, more));
        if (!unlearned) throw new Error(`${algorithm.name} loaded without forget()`);
        expect(unlearned.exact).toBe(true);
        const refit = await fit(withoutViewers(matrix, more));
        expect(maxScoreDifference(unlearned.scorer, refit, matrix, kept(more))).toBeLessThanOrEqual(
          tolerance,
        );
      });

      it('refuses rows that are not ascending or leave the catalog', async () => {
        const scorer = await fit(matrix);
        await expect(scorer.forget?.([{ items: Int32Array.of(3, 1) }])).rejects.toThrow('not ascending');
        await expect(scorer.forget?.([{ items: Int32Array.of(matrix.nItems) }])).rejects.toThrow(
          `inside 0..${matrix.nItems - 1}`,
        );
      });
    },
  );
}
