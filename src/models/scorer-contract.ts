import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { mulberry32 } from '../random/seeded-random.js';
import {
  type InteractionMatrix,
  type ItemHistory,
  historyOf,
  matrixFromTriplets,
} from './interaction-matrix.js';
import type { Algorithm, Scorer } from './recommender.js';

/**
 * The tests every algorithm passes, written once: `runScorerContract({ algorithm, params })` in an
 * algorithm's test file gives it the whole suite. Imports vitest, so only test files may import it.
 */
export interface ScorerContractOptions<Schema extends z.ZodType> {
  algorithm: Algorithm<Schema>;
  /** Parameters to fit with (the schema's input; its defaults fill the rest). */
  params?: z.input<Schema>;
  /**
   * Whether scores depend on the history; when they do, the model must rank an item of the viewer's
   * taste group first for most viewers. False for non-personalised models such as popularity.
   */
  personalised?: boolean;
  /**
   * What an explanation promises: 'additive' (linear models: contributions sum to the score, and
   * removing a history item lowers the score by exactly its contribution) or 'sum' (contributions sum to
   * the score, but removing an item also changes the others', as in ALS) or 'none' (the model offers
   * no explanation, e.g. popularity). Default 'additive'.
   */
  explanation?: 'additive' | 'sum' | 'none';
}

/** A small world of taste groups: viewers mostly watch their own group's items, a few others by chance. */
export interface TasteGroupWorld {
  matrix: InteractionMatrix;
  viewerGroup: Int32Array;
  itemGroup: Int32Array;
}

/**
 * Generates `groups` taste groups of viewers and items (seeded, so the same every run): a viewer watches
 * each item of their own group with a probability falling from 0.8 (the group's favourite) to 0.3, and
 * each item of another group with probability 0.04.
 */
export function tasteGroupWorld(
  seed = 7,
  groups = 3,
  viewersPerGroup = 15,
  itemsPerGroup = 20,
): TasteGroupWorld {
  const random = mulberry32(seed);
  const nUsers = groups * viewersPerGroup;
  const nItems = groups * itemsPerGroup;
  const viewerGroup = Int32Array.from({ length: nUsers }, (_, u) => u % groups);
  const itemGroup = Int32Array.from({ length: nItems }, (_, i) => i % groups);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < nUsers; u += 1) {
    for (let i = 0; i < nItems; i += 1) {
      const rank = Math.floor(i / groups);
      const chance = itemGroup[i] === viewerGroup[u] ? 0.8 - (0.5 * rank) / (itemsPerGroup - 1) : 0.04;
      if (random() < chance) {
        users.push(u);
        items.push(i);
      }
    }
  }
  return { matrix: matrixFromTriplets(nUsers, nItems, users, items), viewerGroup, itemGroup };
}

const EMPTY: ItemHistory = { items: new Int32Array(0) };

const without = (history: ItemHistory, item: number): ItemHistory => ({
  items: history.items.filter((j) => j !== item),
});

/** Registers a test only where it applies to the algorithm, so nothing shows up as skipped. */
const only = (applies: boolean): typeof it | ((name: string, fn: () => unknown) => void) =>
  applies ? it : () => {};

export function runScorerContract<Schema extends z.ZodType>(options: ScorerContractOptions<Schema>): void {
  const { algorithm, personalised = true, explanation = 'additive' } = options;
  const world = tasteGroupWorld();
  const { matrix } = world;
  const viewers = Array.from({ length: matrix.nUsers }, (_, u) => u);
  const fit = async (): Promise<Scorer> => {
    const params = algorithm.paramsSchema.parse(options.params ?? {});
    return algorithm.fit(matrix, params);
  };
  // One fitted model shared by the tests that only read it; the determinism test fits its own two.
  let shared: Promise<Scorer> | undefined;
  const fitted = () => (shared ??= fit());
  const allScores = (scorer: Scorer) => viewers.map((u) => scorer.score(historyOf(matrix, u)));

  describe(`${algorithm.name} scorer contract (${JSON.stringify(options.params ?? {})})`, () => {
    it('parses its parameters: defaults from nothing, unknown keys refused', () => {
      expect(algorithm.paramsSchema.safeParse({}).success).toBe(true);
      expect(algorithm.paramsSchema.safeParse({ notAParameter: 1 }).success).toBe(false);
    });

    it('fits deterministically: two fits give identical scores', async () => {
      const [first, second] = await Promise.all([fit(), fit()]);
      expect(first.algorithm).toBe(algorithm.name);
      expect(first.nItems).toBe(matrix.nItems);
      expect(allScores(second)).toEqual(allScores(first));
    });

    it('reports progress from 0 to 1 without going back', async () => {
      const fractions: number[] = [];
      const params = algorithm.paramsSchema.parse(options.params ?? {});
      await algorithm.fit(matrix, params, { progress: (fraction) => fractions.push(fraction) });
      for (const [at, fraction] of fractions.entries()) {
        expect(fraction).toBeGreaterThanOrEqual(at === 0 ? 0 : (fractions[at - 1] as number));
        expect(fraction).toBeLessThanOrEqual(1);
      }
    });

    it('scores every item with a finite number, for every viewer and for an empty history', async () => {
      const scorer = await fitted();
      for (const scores of [...allScores(scorer), scorer.score(EMPTY)]) {
        expect(scores).toHaveLength(matrix.nItems);
        expect(scores.every(Number.isFinite)).toBe(true);
      }
    });

    it('writes into the array it is given', async () => {
      const scorer = await fitted();
      const out = new Float32Array(matrix.nItems).fill(Number.NaN);
      const history = historyOf(matrix, 0);
      expect(scorer.score(history, out)).toBe(out);
      expect(out).toEqual(scorer.score(history));
    });

    it('rebuilds from its weights with identical scores', async () => {
      const scorer = await fitted();
      const weights = Object.entries(scorer.weights());
      expect(weights.length).toBeGreaterThan(0);
      for (const [, array] of weights) {
        // What an artifact can store.
        expect(
          array instanceof Float32Array || array instanceof Float64Array || array instanceof Int32Array,
        ).toBe(true);
      }
      const copies = new Map(weights.map(([name, array]) => [name, array.slice()]));
      const params = algorithm.paramsSchema.parse(options.params ?? {});
      const loaded = algorithm.load(copies, params, matrix.nItems);
      expect(loaded.algorithm).toBe(algorithm.name);
      expect(allScores(loaded)).toEqual(allScores(scorer));
      expect(loaded.score(EMPTY)).toEqual(scorer.score(EMPTY));
    });

    only(explanation === 'none')('offers no explanation, as declared', async () => {
      expect((await fitted()).explain).toBeUndefined();
    });

    only(explanation !== 'none')(
      'explains exactly: contributions sum to the score (and are leave-one-out exact when additive)',
      async () => {
        const scorer = await fitted();
        if (!scorer.explain) throw new Error(`${algorithm.name} declares explanations but has no explain()`);
        for (const u of viewers.slice(0, 12)) {
          const history = historyOf(matrix, u);
          const scores = scorer.score(history);
          const ranked = Array.from(scores.keys()).sort(
            (a, b) => (scores[b] as number) - (scores[a] as number),
          );
          for (const item of [
            ...ranked.slice(0, 3),
            ranked[ranked.length - 1] as number,
            u % matrix.nItems,
          ]) {
            const contributions = scorer.explain(history, item);
            const sum = contributions.reduce((total, c) => total + c.weight, 0);
            expect(sum).toBeCloseTo(scores[item] as number, 4);
            for (const c of contributions) expect(history.items.includes(c.item)).toBe(true);
            if (explanation === 'sum') continue;
            for (const j of history.items) {
              const contribution = contributions.find((c) => c.item === j)?.weight ?? 0;
              const lowered = scorer.score(without(history, j))[item] as number;
              expect((scores[item] as number) - lowered).toBeCloseTo(contribution, 4);
            }
          }
        }
      },
    );

    only(personalised)("ranks an item of the viewer's taste group first for most viewers", async () => {
      const scorer = await fitted();
      let inGroup = 0;
      for (const u of viewers) {
        const history = historyOf(matrix, u);
        const scores = scorer.score(history);
        let best = -1;
        for (let i = 0; i < matrix.nItems; i += 1) {
          if (history.items.includes(i)) continue;
          if (best < 0 || (scores[i] as number) > (scores[best] as number)) best = i;
        }
        if (world.itemGroup[best] === world.viewerGroup[u]) inGroup += 1;
      }
      expect(inGroup / viewers.length).toBeGreaterThanOrEqual(0.8);
    });
  });
}
