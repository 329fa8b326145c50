import { describe, expect, expectTypeOf, it } from 'vitest';
import { historyOf, matrixFromTriplets } from '../interaction-matrix.js';
import type { Algorithm } from '../recommender.js';
import { runScorerContract, tasteGroupWorld } from '../scorer-contract.js';
import { gfcfParamsSchema } from './gfcf-params.js';
import { gfcfAlgorithm } from './gfcf-scorer.js';
import { lowPassBasis } from './low-pass-basis.js';
import { normalizedInteractions, normalizedItemGram } from './normalized-interactions.js';
import { symmetricEigen } from './symmetric-eigen.js';

runScorerContract({ algorithm: gfcfAlgorithm, params: {} });
runScorerContract({ algorithm: gfcfAlgorithm, params: { factors: 6, linearWeight: 0, idealWeight: 1 } });
runScorerContract({ algorithm: gfcfAlgorithm, params: { idealWeight: 0 } });

const { matrix } = tasteGroupWorld(11);
const n = matrix.nItems;
const parse = (input: object = {}) => gfcfParamsSchema.parse(input);

/** The exact top-k eigenvectors of R̃ᵀR̃, from the dense matrix. */
function exactBasis(k: number): { projector: Float64Array; values: Float64Array } {
  const { values, vectors } = symmetricEigen(normalizedItemGram(normalizedInteractions(matrix)), n);
  const projector = new Float64Array(n * n);
  for (let a = 0; a < n; a += 1) {
    for (let b = 0; b < n; b += 1) {
      let s = 0;
      for (let c = 0; c < k; c += 1) s += (vectors[a * n + c] as number) * (vectors[b * n + c] as number);
      projector[a * n + b] = s;
    }
  }
  return { projector, values: values.slice(0, k) };
}

describe('GF-CF', () => {
  it('is an Algorithm named gfcf', () => {
    expectTypeOf(gfcfAlgorithm).toExtend<Algorithm>();
    expect(gfcfAlgorithm.name).toBe('gfcf');
  });

  it('finds the top singular vectors of R̃ by subspace iteration, as an exact eigensolver does', async () => {
    const k = 5;
    const found = await lowPassBasis(normalizedInteractions(matrix), k, 60);
    const exact = exactBasis(k);
    expect(found.values[0]).toBeCloseTo(1, 10); // the largest singular value of R̃ is 1
    for (let c = 0; c < k; c += 1) expect(found.values[c]).toBeCloseTo(exact.values[c] as number, 8);
    for (let a = 0; a < n; a += 1) {
      for (let b = 0; b < n; b += 1) {
        let s = 0;
        for (let c = 0; c < k; c += 1)
          s += (found.basis[a * k + c] as number) * (found.basis[b * k + c] as number);
        expect(s).toBeCloseTo(exact.projector[a * n + b] as number, 6);
      }
    }
  });

  it('scores x (linearWeight R̃ᵀR̃ + idealWeight D^-1/2 V Vᵀ D^1/2) and explains with its rows', async () => {
    const params = parse({ factors: 4, linearWeight: 0.7, idealWeight: 2, iterations: 60 });
    const scorer = await gfcfAlgorithm.fit(matrix, params);
    const r = normalizedInteractions(matrix);
    const linear = normalizedItemGram(r);
    const { projector } = exactBasis(4);
    const history = historyOf(matrix, 3);
    const scores = scorer.score(history);
    for (const i of [0, 5, 17, 42]) {
      const rows = Array.from(history.items, (j) => {
        const ideal =
          ((r.itemScale[j] as number) * (projector[j * n + i] as number)) / (r.itemScale[i] as number);
        return { item: j, weight: 0.7 * (linear[j * n + i] as number) + 2 * ideal };
      });
      const expected = rows.reduce((sum, c) => sum + c.weight, 0);
      expect(scores[i]).toBeCloseTo(expected, 5);
      const explained = scorer.explain?.(history, i) ?? [];
      expect(explained.map((c) => c.item)).toEqual(rows.map((c) => c.item));
      explained.forEach((c, at) => expect(c.weight).toBeCloseTo(rows[at]?.weight as number, 5));
    }
  });

  it('gives items nobody watched a score of 0 and keeps the ideal filter to the rank of R̃', async () => {
    // Two viewers, items 0..2 watched, items 3 and 4 never: R̃ has rank 2, the filter asks for 4.
    const tiny = matrixFromTriplets(2, 5, [0, 0, 1, 1], [0, 1, 1, 2]);
    const scorer = await gfcfAlgorithm.fit(tiny, parse({ factors: 4 }));
    const basis = scorer.weights().basis as Float32Array;
    const nonZeroColumns = [0, 1, 2, 3].filter((c) => [0, 1, 2, 3, 4].some((i) => basis[i * 4 + c] !== 0));
    expect(nonZeroColumns).toEqual([0, 1]);
    const scores = scorer.score({ items: Int32Array.of(0) });
    expect(scores[3]).toBe(0);
    expect(scores[4]).toBe(0);
    expect(scores[1] as number).toBeGreaterThan(0);
  });

  it('stores the linear filter only when it is used, and validates its parameters and artifact', async () => {
    const ideal = await gfcfAlgorithm.fit(matrix, parse({ factors: 3, linearWeight: 0 }));
    expect(Object.keys(ideal.weights())).toEqual(['itemScale', 'basis']);
    expect(gfcfParamsSchema.safeParse({ linearWeight: 0, idealWeight: 0 }).success).toBe(false);
    expect(gfcfParamsSchema.safeParse({ factors: 0 }).success).toBe(false);
    expect(parse()).toEqual({ factors: 32, linearWeight: 1, idealWeight: 0.3, iterations: 30 });
    const arrays = new Map([
      ['itemScale', new Float32Array(n)],
      ['basis', new Float32Array(n * 3)],
    ]);
    expect(() => gfcfAlgorithm.load(arrays, parse({ factors: 3, linearWeight: 0 }), n)).not.toThrow();
    expect(() => gfcfAlgorithm.load(arrays, parse({ factors: 4, linearWeight: 0 }), n)).toThrow(
      `gfcf artifact has no Float32Array 'basis' of ${n * 4} values`,
    );
    expect(() => gfcfAlgorithm.load(arrays, parse({ factors: 3 }), n)).toThrow("'linear'");
  });

  it('reports its phases and stops when aborted', async () => {
    const phases = new Set<string>();
    await gfcfAlgorithm.fit(matrix, parse({ factors: 4 }), { progress: (_, phase) => phases.add(phase) });
    expect([...phases]).toEqual(['linear', 'basis']);
    const controller = new AbortController();
    const fitting = gfcfAlgorithm.fit(matrix, parse({ factors: 4 }), { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(fitting).rejects.toThrow('stop');
  });
});
