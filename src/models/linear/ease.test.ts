import { describe, expect, it } from 'vitest';
import { historyOf, matrixFromTriplets } from '../interaction-matrix.js';
import { runScorerContract, tasteGroupWorld } from '../scorer-contract.js';
import { easeParamsSchema } from './ease-params.js';
import { easeAlgorithm } from './ease-scorer.js';
import { EASE_MAX_ITEMS, solveEase } from './ease-solve.js';
import { maxAbsDifference, naiveInverse } from './test-fixtures.js';

runScorerContract({ algorithm: easeAlgorithm, params: {} });
runScorerContract({ algorithm: easeAlgorithm, params: { lambda: 5 } });

describe('EASE', () => {
  const { matrix } = tasteGroupWorld(11);
  const n = matrix.nItems;

  it('solves B = I - P diagMat(1 / diag(P)) with P = (XᵀX + lambda I)⁻¹, like a textbook inverse', () => {
    const lambda = 3;
    const g = new Float64Array(n * n);
    for (let u = 0; u < matrix.nUsers; u += 1) {
      const items = historyOf(matrix, u).items;
      for (const a of items) for (const b of items) g[a * n + b] = (g[a * n + b] as number) + 1;
    }
    for (let i = 0; i < n; i += 1) g[i * n + i] = (g[i * n + i] as number) + lambda;
    const p = naiveInverse(g, n);
    const b = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1)
        b[i * n + j] = (i === j ? 1 : 0) - (p[i * n + j] as number) / (p[j * n + j] as number);
    }
    const solved = solveEase(matrix, lambda);
    expect(maxAbsDifference(solved.p, p)).toBeLessThan(1e-7);
    expect(maxAbsDifference(solved.b, b)).toBeLessThan(1e-6);
    for (let i = 0; i < n; i += 1) expect(solved.b[i * n + i]).toBe(0);
  });

  it('scores a history as the sum of its rows of B and explains with those weights', async () => {
    const scorer = await easeAlgorithm.fit(matrix, easeParamsSchema.parse({ lambda: 10 }));
    const B = scorer.weights().B as Float32Array;
    const history = { items: Int32Array.of(1, 4, 9), weights: Float32Array.of(3, 3, 3) };
    const scores = scorer.score(history);
    // Every column, bit for bit: the rows are added in history order in float64, then rounded once.
    for (let i = 0; i < n; i += 1) {
      const expected = [1, 4, 9].reduce((sum, j) => sum + (B[j * n + i] as number), 0);
      expect(scores[i]).toBe(Math.fround(expected));
    }
    for (const i of [0, 4, 33]) {
      expect(scorer.explain?.(history, i)).toEqual(
        [1, 4, 9].filter((j) => j !== i).map((j) => ({ item: j, weight: B[j * n + i] })),
      );
    }
    expect(() => scorer.score({ items: Int32Array.of(n) })).toThrow(`history item ${n} outside 0..${n - 1}`);
  });

  it('scores every column of a catalog whose size is not a multiple of four (the unrolled loop)', async () => {
    for (const size of [5, 6, 7]) {
      const users = [0, 0, 1, 1, 1, 2, 2];
      const items = [0, 1, 1, 2, size - 1, 0, size - 1];
      const small = matrixFromTriplets(3, size, users, items);
      const scorer = await easeAlgorithm.fit(small, easeParamsSchema.parse({ lambda: 1 }));
      const B = scorer.weights().B as Float32Array;
      const scores = scorer.score({ items: Int32Array.of(0, size - 1) });
      for (let i = 0; i < size; i += 1) {
        expect(scores[i]).toBe(Math.fround(0 + (B[i] as number) + (B[(size - 1) * size + i] as number)));
      }
      // The last column is in the remainder for every size here, and scored (0 and it co-occur).
      expect(scores[size - 1]).not.toBe(0);
    }
  });

  it('fits in a worker that reports its phases, and stops when aborted', async () => {
    const phases = new Set<string>();
    let last = 0;
    await easeAlgorithm.fit(matrix, easeParamsSchema.parse({}), {
      progress: (fraction, phase) => {
        phases.add(phase);
        last = fraction;
      },
    });
    expect([...phases]).toEqual(['gram', 'cholesky', 'inverse', 'product', 'weights']);
    expect(last).toBe(1);

    const controller = new AbortController();
    const fitting = easeAlgorithm.fit(matrix, easeParamsSchema.parse({}), { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(fitting).rejects.toThrow('stop');
  });

  it(`refuses a catalog of more than ${EASE_MAX_ITEMS} items and points to iALS`, async () => {
    const large = matrixFromTriplets(2, EASE_MAX_ITEMS + 1, [0], [7]);
    await expect(easeAlgorithm.fit(large, easeParamsSchema.parse({}))).rejects.toThrow(
      /refuses catalogs above 10000 items.*'ials'/,
    );
  });

  it('validates its parameters and its artifact', () => {
    expect(easeParamsSchema.parse({})).toEqual({ lambda: 500 });
    expect(easeParamsSchema.safeParse({ lambda: 0 }).success).toBe(false);
    const params = easeParamsSchema.parse({});
    expect(() => easeAlgorithm.load(new Map([['B', new Float32Array(4)]]), params, 2)).toThrow(
      "ease artifact has no Float64Array (or older Float32Array) 'P' of 2 x 2 values",
    );
    expect(() => easeAlgorithm.load(new Map([['B', new Float32Array(3)]]), params, 2)).toThrow("'B'");
  });
});
