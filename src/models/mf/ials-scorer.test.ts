import { describe, expect, expectTypeOf, it } from 'vitest';
import { historyOf, type ItemHistory } from '../interaction-matrix.js';
import type { Algorithm } from '../recommender.js';
import { runScorerContract, tasteGroupWorld } from '../scorer-contract.js';
import { ialsParamsSchema } from './ials-params.js';
import { IalsScorer, ialsAlgorithm } from './ials-scorer.js';
import { trainIals } from './ials-trainer.js';

// The defaults are tuned on MovieLens 100K; these small worlds want a lighter penalty.
const params = { factors: 8, iterations: 10, regularization: 2, alpha: 5 };

// ALS explanations sum to the score exactly, but removing one history item changes W_u and so the
// other items' contributions: they are not leave-one-out exact.
runScorerContract({ algorithm: ialsAlgorithm, params, explanation: 'sum' });
runScorerContract({
  algorithm: ialsAlgorithm,
  explanation: 'sum',
  params: { ...params, factors: 16, confidence: 'log', binarize: false, cgSteps: 2 },
});

const world = tasteGroupWorld(11, 4, 30, 25);
const { matrix } = world;
const viewers = Array.from({ length: matrix.nUsers }, (_, u) => u);
const parse = (input: object = {}) => ialsParamsSchema.parse({ ...params, ...input });
const EMPTY: ItemHistory = { items: new Int32Array(0) };

describe('iALS', () => {
  it('is an Algorithm named ials', () => {
    expectTypeOf(ialsAlgorithm).toExtend<Algorithm>();
    expect(ialsAlgorithm.name).toBe('ials');
  });

  it('trains the same bits for a seed, on the calling thread or on one or two workers', async () => {
    const inline = await trainIals(matrix, parse(), { threads: 0 });
    const again = await trainIals(matrix, parse(), { threads: 0 });
    const [one, two] = await Promise.all([
      trainIals(matrix, parse(), { threads: 1 }),
      trainIals(matrix, parse(), { threads: 2 }),
    ]);
    expect(again).toEqual(inline);
    expect(one).toEqual(inline);
    expect(two).toEqual(inline);
    const other = await trainIals(matrix, parse({ seed: 7 }), { threads: 0 });
    expect(other.itemFactors).not.toEqual(inline.itemFactors);
  });

  it("folds a training viewer's history in to about the viewer's trained factor", async () => {
    const p = parse({ iterations: 40 });
    const trained = await trainIals(matrix, p, { threads: 0 });
    const scorer = new IalsScorer(trained.itemFactors, matrix.nItems, p, trained.itemGram);
    const f = p.factors;
    let worst = 0;
    let largest = 0;
    for (const u of viewers) {
      const folded = scorer.score(historyOf(matrix, u));
      const x = trained.userFactors.subarray(u * f, (u + 1) * f);
      for (let i = 0; i < matrix.nItems; i += 1) {
        let direct = 0;
        for (let k = 0; k < f; k += 1)
          direct += (x[k] as number) * (trained.itemFactors[i * f + k] as number);
        worst = Math.max(worst, Math.abs(direct - (folded[i] as number)));
        largest = Math.max(largest, Math.abs(direct));
      }
    }
    expect(worst).toBeLessThan(0.02 * largest);
  });

  it('explains a score as contributions of the history items that sum to it', async () => {
    const scorer = await ialsAlgorithm.fit(matrix, parse());
    for (const u of viewers.slice(0, 20)) {
      const history = historyOf(matrix, u);
      const scores = scorer.score(history);
      for (const item of [0, 17, u % matrix.nItems, matrix.nItems - 1]) {
        const contributions = scorer.explain?.(history, item) ?? [];
        expect(contributions.map((c) => c.item)).toEqual(Array.from(history.items));
        const sum = contributions.reduce((total, c) => total + c.weight, 0);
        expect(Math.abs(sum - (scores[item] as number))).toBeLessThan(1e-4);
      }
    }
  });

  it('folds in a history it never saw, and gives zeros for an empty one', async () => {
    const scorer = await ialsAlgorithm.fit(matrix, parse());
    const stranger: ItemHistory = {
      items: Int32Array.from([1, 5, 9, 13]),
      weights: Float32Array.from([1, 2, 0, 1]),
    };
    const scores = scorer.score(stranger);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(scores.some((score) => score !== 0)).toBe(true);
    const contributions = scorer.explain?.(stranger, 21) ?? [];
    expect(contributions.find((c) => c.item === 9)?.weight).toBe(0);
    expect(scorer.score(EMPTY)).toEqual(new Float32Array(matrix.nItems));
    expect(scorer.explain?.(EMPTY, 3)).toEqual([]);
    expect(() => scorer.score({ items: Int32Array.from([matrix.nItems]) })).toThrow(
      /item index 100 outside 0..99/,
    );
    expect(() => scorer.explain?.(stranger, -1)).toThrow(/item index -1/);
  });

  it("ranks items of the viewer's taste group above the others for most viewers", async () => {
    const scorer = await ialsAlgorithm.fit(matrix, parse({ regularization: 5 }));
    let good = 0;
    for (const u of viewers) {
      const history = historyOf(matrix, u);
      const scores = scorer.score(history);
      const unseen = Array.from(scores.keys()).filter((i) => !history.items.includes(i));
      const top = unseen.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b).slice(0, 5);
      const inGroup = top.filter((i) => world.itemGroup[i] === world.viewerGroup[u]).length;
      if (inGroup >= 4) good += 1;
    }
    expect(good / viewers.length).toBeGreaterThanOrEqual(0.9);
  });

  it('rebuilds from its item factors alone, YᵀY included, to the same scores', async () => {
    const scorer = (await ialsAlgorithm.fit(matrix, parse())) as IalsScorer;
    const weights = scorer.weights();
    expect(Object.keys(weights)).toEqual(['itemFactors']);
    const loaded = ialsAlgorithm.load(new Map(Object.entries(weights)), parse(), matrix.nItems) as IalsScorer;
    expect(loaded.itemGram).toEqual(scorer.itemGram);
    for (const u of viewers.slice(0, 10))
      expect(loaded.score(historyOf(matrix, u))).toEqual(scorer.score(historyOf(matrix, u)));
    expect(() => ialsAlgorithm.load(new Map(), parse(), matrix.nItems)).toThrow(/Float32Array "itemFactors"/);
    expect(() =>
      ialsAlgorithm.load(new Map(Object.entries(weights)), parse({ factors: 4 }), matrix.nItems),
    ).toThrow(/800 values, expected 100 items x 4 factors/);
  });

  it('reports progress by phase, and stops when aborted, inline or in a worker', async () => {
    const phases: string[] = [];
    await ialsAlgorithm.fit(matrix, parse({ iterations: 3 }), { progress: (_, phase) => phases.push(phase) });
    expect(phases).toEqual(['prepare', ...Array(3).fill(['user factors', 'item factors']).flat()]);
    for (const threads of [0, 1]) {
      const controller = new AbortController();
      const fitting = trainIals(matrix, parse({ iterations: 200 }), {
        threads,
        signal: controller.signal,
        progress: (fraction) => (fraction > 0.01 ? controller.abort(new Error('stop')) : undefined),
      });
      await expect(fitting).rejects.toThrow('stop');
    }
  });
});
