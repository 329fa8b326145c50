import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomInteractions, rowsOf, runForgetContract } from '../forget-contract.js';
import { withoutViewers } from '../forget-rows.js';
import { type InteractionMatrix, matrixFromTriplets } from '../interaction-matrix.js';
import type { WeightArrays } from '../recommender.js';
import { flatCooccurrence, viewerWeight } from './item-cooccurrence.js';
import { itemKnnParamsSchema } from './item-knn-params.js';
import { itemKnnAlgorithm } from './item-knn-scorer.js';
import { forgetItemKnnViewer } from './item-knn-unlearn.js';
import { fitItemKnn } from './item-neighbours.js';

runForgetContract({ algorithm: itemKnnAlgorithm, params: {}, tolerance: 0, seeds: [1, 2] });
runForgetContract({ algorithm: itemKnnAlgorithm, params: { iuf: false }, tolerance: 0 });
runForgetContract({ algorithm: itemKnnAlgorithm, params: { neighbours: 4, shrinkage: 0 }, tolerance: 0 });

/** Whether two sets of arrays hold the same names, types and bytes. */
function sameBits(a: WeightArrays, b: WeightArrays): boolean {
  const bytes = (x: WeightArrays[string]) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const names = Object.keys(a).sort();
  if (names.join() !== Object.keys(b).sort().join()) return false;
  return names.every((name) => {
    const x = a[name] as WeightArrays[string];
    const y = b[name] as WeightArrays[string];
    return x.constructor === y.constructor && bytes(x).equals(bytes(y));
  });
}

describe('item-kNN unlearning', () => {
  const configs = [
    { neighbours: 1, shrinkage: 0, iuf: false },
    { neighbours: 3, shrinkage: 0, iuf: true },
    { neighbours: 5, shrinkage: 2.5, iuf: true },
    { neighbours: 10, shrinkage: 50, iuf: false },
    { neighbours: 10, shrinkage: 50, iuf: true },
    { neighbours: 1000, shrinkage: 1, iuf: true },
  ];
  const seeds = [11, 12, 13, 14];

  it.each(configs)('gives the neighbour lists and statistics of a refit bit for bit (%o)', async (config) => {
    const params = itemKnnParamsSchema.parse(config);
    for (const seed of seeds) {
      const matrix: InteractionMatrix = randomInteractions(seed, 50 + seed, 30 + seed);
      const gone = [seed % 7, 20 + (seed % 5), 44];
      const scorer = await itemKnnAlgorithm.fit(matrix, params);
      const unlearned = await scorer.forget?.(rowsOf(matrix, gone));
      const refit = await itemKnnAlgorithm.fit(withoutViewers(matrix, gone), params);
      expect(unlearned?.exact).toBe(true);
      expect(sameBits(unlearned?.scorer.weights() ?? {}, refit.weights())).toBe(true);
    }
  });

  it('matches a refit bit for bit on random matrices, parameters and forgotten viewers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0, 0.5, 3, 100),
        fc.boolean(),
        fc.uniqueArray(fc.integer({ min: 0, max: 39 }), { minLength: 1, maxLength: 5 }),
        async (seed, nUsers, nItems, neighbours, shrinkage, iuf, picked) => {
          const matrix = randomInteractions(seed, nUsers, nItems);
          const gone = picked.filter((u) => u < nUsers);
          const params = itemKnnParamsSchema.parse({ neighbours, shrinkage, iuf });
          const scorer = await itemKnnAlgorithm.fit(matrix, params);
          let current = scorer;
          for (const u of gone) current = (await current.forget?.(rowsOf(matrix, [u])))?.scorer ?? current;
          const refit = await itemKnnAlgorithm.fit(withoutViewers(matrix, gone), params);
          expect(sameBits(current.weights(), refit.weights())).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops dot products that reach 0 and keeps the lists of rows that share no viewer', async () => {
    // Viewer 0 alone watches items 0 and 1 together; item 3 only ever meets item 2.
    const matrix = matrixFromTriplets(4, 4, [0, 0, 1, 1, 2, 2, 3, 3], [0, 1, 0, 2, 1, 2, 2, 3]);
    const params = { neighbours: 2, shrinkage: 0, iuf: false };
    const fitted = await fitItemKnn(matrix, params);
    expect(forgetItemKnnViewer(fitted, Int32Array.of(), params)).toBe(fitted);
    const removed = forgetItemKnnViewer(fitted, Int32Array.of(0, 1), params);
    expect(Array.from(removed.cooccurrence.item[0] ?? [])).toEqual([2]);
    expect(Array.from(removed.cooccurrence.normSquared)).toEqual([1, 1, 3, 1]);
    const row3 = (lists: typeof fitted.neighbours) =>
      Array.from(lists.item.subarray(lists.start[3], lists.start[4]));
    expect(row3(removed.neighbours)).toEqual(row3(fitted.neighbours));
    const refit = await fitItemKnn(withoutViewers(matrix, [0]), params);
    expect(removed.neighbours).toEqual(refit.neighbours);
    expect(removed.preciseSimilarity).toEqual(refit.preciseSimilarity);
    expect(flatCooccurrence(removed.cooccurrence)).toEqual(flatCooccurrence(refit.cooccurrence));
  });

  it('rounds IUF weights to multiples of 2^-20, so their sums do not depend on the order', () => {
    const w = viewerWeight(7, 1682, true);
    expect(Math.abs(w - Math.log(1682 / 7))).toBeLessThanOrEqual(2 ** -21);
    expect(w * 2 ** 20).toBe(Math.round(w * 2 ** 20));
    expect(viewerWeight(7, 1682, false)).toBe(1);
    const weights = Array.from({ length: 1000 }, (_, u) => viewerWeight(1 + (u % 97), 1682, true));
    const forwards = weights.reduce((sum, x) => sum + x, 0);
    const backwards = weights.reduceRight((sum, x) => sum + x, 0);
    expect(forwards).toBe(backwards);
  });

  it('refuses a row it was not trained on when a dot product would go missing or below 0', async () => {
    const matrix = randomInteractions(4);
    const scorer = await itemKnnAlgorithm.fit(matrix, itemKnnParamsSchema.parse({ iuf: false }));
    const unlearned = await scorer.forget?.(rowsOf(matrix, [9]));
    await expect(unlearned?.scorer.forget?.(rowsOf(matrix, [9, 9]))).rejects.toThrow(
      'not in the training matrix',
    );
  });

  it('loads artifacts without the statistics, and then offers no forget', async () => {
    const matrix = randomInteractions(6);
    const params = itemKnnParamsSchema.parse({});
    const scorer = await itemKnnAlgorithm.fit(matrix, params);
    const all = new Map(Object.entries(scorer.weights()));
    expect([...all.keys()]).toEqual([
      'neighbourStart',
      'neighbourItem',
      'similarity',
      'dotStart',
      'dotItem',
      'dot',
      'normSquared',
    ]);
    const old = new Map(
      [...all].filter(([name]) => !['dotStart', 'dotItem', 'dot', 'normSquared'].includes(name)),
    );
    const loaded = itemKnnAlgorithm.load(old, params, matrix.nItems);
    expect(loaded.forget).toBeUndefined();
    expect(Object.keys(loaded.weights())).toEqual(['neighbourStart', 'neighbourItem', 'similarity']);
    const otherShrinkage = itemKnnAlgorithm.load(all, { ...params, shrinkage: 10 }, matrix.nItems);
    await expect(otherShrinkage.forget?.(rowsOf(matrix, [1]))).rejects.toThrow('do not match');
    const partial = new Map(all);
    partial.delete('dot');
    expect(() => itemKnnAlgorithm.load(partial, params, matrix.nItems)).toThrow('or none of them');
    const broken = new Map(all).set(
      'dotItem',
      (all.get('dotItem') as Int32Array).map(() => 0),
    );
    expect(() => itemKnnAlgorithm.load(broken, params, matrix.nItems)).toThrow('is not ascending');
  });
});
