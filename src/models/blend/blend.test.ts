import { describe, expect, expectTypeOf, it } from 'vitest';
import { popularityAlgorithm } from '../basic/popularity-scorer.js';
import { gfcfAlgorithm } from '../graph/gfcf-scorer.js';
import { historyOf } from '../interaction-matrix.js';
import { easeAlgorithm } from '../linear/ease-scorer.js';
import { ialsAlgorithm } from '../mf/ials-scorer.js';
import type { Algorithm } from '../recommender.js';
import { runScorerContract, tasteGroupWorld } from '../scorer-contract.js';
import { DEFAULT_BLEND_MEMBERS } from './blend-params.js';
import { createBlendAlgorithm } from './blend-scorer.js';

const registry: Record<string, Algorithm> = {
  ials: ialsAlgorithm,
  ease: easeAlgorithm,
  gfcf: gfcfAlgorithm,
  popularity: popularityAlgorithm,
};
const lookup = (name: string): Algorithm => {
  const algorithm = registry[name];
  if (!algorithm) throw new Error(`unknown algorithm '${name}'`);
  return algorithm;
};
const blendAlgorithm = createBlendAlgorithm(lookup);

// The small taste worlds want a lighter iALS penalty than MovieLens (see ials-scorer.test.ts).
const ials = { factors: 8, iterations: 10, regularization: 2, alpha: 5 };
const members = [
  { algorithm: 'ials', params: ials, weight: 1 },
  { algorithm: 'ease', params: { lambda: 5 }, weight: 0.5 },
  { algorithm: 'gfcf', params: { factors: 4, linearWeight: 0, idealWeight: 1 }, weight: 0.25 },
];

// The factors (weight / spread) change when a history item is removed: explanations sum to the score,
// but are not leave-one-out exact.
runScorerContract({ algorithm: blendAlgorithm, params: { members }, explanation: 'sum' });
runScorerContract({
  algorithm: blendAlgorithm,
  params: {
    members: [
      { algorithm: 'gfcf', weight: 2 },
      { algorithm: 'popularity', weight: 0.1 },
    ],
  },
  explanation: 'none',
});

const { matrix } = tasteGroupWorld(11);
const n = matrix.nItems;

/** The population standard deviation of scores over the items outside the history. */
function spread(scores: Float32Array, history: Int32Array): number {
  const unseen = Array.from(scores).filter((_, i) => !history.includes(i));
  const mean = unseen.reduce((s, x) => s + x, 0) / unseen.length;
  return Math.sqrt(unseen.reduce((s, x) => s + (x - mean) ** 2, 0) / unseen.length);
}

describe('blend', () => {
  it('is an Algorithm named blend whose defaults are the validated iALS + EASE + GF-CF blend', () => {
    expectTypeOf(blendAlgorithm).toExtend<Algorithm>();
    expect(blendAlgorithm.name).toBe('blend');
    expect(blendAlgorithm.paramsSchema.parse({}).members).toEqual(DEFAULT_BLEND_MEMBERS);
    // Parsing hands out copies: changing one never changes the defaults.
    const parsed = blendAlgorithm.paramsSchema.parse({});
    (parsed.members[0] as { weight: number }).weight = 9;
    expect(DEFAULT_BLEND_MEMBERS[0]?.weight).toBe(1);
  });

  it("scores the sum of each member's scores times its weight over their spread on the unseen items", async () => {
    const params = blendAlgorithm.paramsSchema.parse({ members });
    const blend = await blendAlgorithm.fit(matrix, params);
    const fitted = await Promise.all(
      members.map((m) => lookup(m.algorithm).fit(matrix, lookup(m.algorithm).paramsSchema.parse(m.params))),
    );
    for (const u of [0, 7, 20]) {
      const history = historyOf(matrix, u);
      const scores = blend.score(history);
      const parts = fitted.map((scorer, k) => {
        const s = scorer.score(history);
        return { s, factor: (members[k]?.weight as number) / spread(s, history.items) };
      });
      for (let i = 0; i < n; i += 1) {
        const expected = parts.reduce((sum, { s, factor }) => sum + factor * (s[i] as number), 0);
        expect(scores[i]).toBeCloseTo(expected, 4);
      }
    }
  });

  it('ranks like the blend of per-viewer z-scores (the mean shift is left out)', async () => {
    const blend = await blendAlgorithm.fit(matrix, blendAlgorithm.paramsSchema.parse({ members }));
    const fitted = await Promise.all(
      members.map((m) => lookup(m.algorithm).fit(matrix, lookup(m.algorithm).paramsSchema.parse(m.params))),
    );
    const history = historyOf(matrix, 4);
    const unseen = Array.from({ length: n }, (_, i) => i).filter((i) => !history.items.includes(i));
    const z = new Float64Array(n);
    fitted.forEach((scorer, k) => {
      const s = scorer.score(history);
      const mean = unseen.reduce((sum, i) => sum + (s[i] as number), 0) / unseen.length;
      const sd = spread(s, history.items);
      for (let i = 0; i < n; i += 1)
        z[i] = (z[i] as number) + ((members[k]?.weight as number) * ((s[i] as number) - mean)) / sd;
    });
    const scores = blend.score(history);
    const shift = (scores[unseen[0] as number] as number) - (z[unseen[0] as number] as number);
    for (const i of unseen) expect((scores[i] as number) - (z[i] as number)).toBeCloseTo(shift, 4);
  });

  it('refuses unknown algorithms, nested blends and bad member parameters, naming the member', () => {
    const issue = (input: unknown) => {
      const result = blendAlgorithm.paramsSchema.safeParse(input);
      return result.success ? 'ok' : (result.error.issues[0]?.message ?? '');
    };
    expect(issue({ members: [{ algorithm: 'nope', weight: 1 }] })).toBe("unknown algorithm 'nope'");
    expect(issue({ members: [{ algorithm: 'blend', weight: 1 }] })).toBe('a blend cannot contain a blend');
    expect(issue({ members: [{ algorithm: 'ease', params: { lambda: -1 }, weight: 1 }] })).toMatch(
      /^blend member 0 \(ease\) parameter 'lambda': /,
    );
    expect(issue({ members: [{ algorithm: 'ease', weight: 0 }] })).not.toBe('ok');
    expect(issue({ members: [] })).not.toBe('ok');
  });

  it("stores each member's arrays under its index and loads them back", async () => {
    const params = blendAlgorithm.paramsSchema.parse({ members });
    const blend = await blendAlgorithm.fit(matrix, params);
    expect(Object.keys(blend.weights())).toEqual(['0/itemFactors', '1/B', '1/P', '2/itemScale', '2/basis']);
    expect(() => blendAlgorithm.load(new Map(), params, n)).toThrow(/itemFactors/);
  });

  it('reports progress across its members and stops them all when aborted', async () => {
    const params = blendAlgorithm.paramsSchema.parse({ members });
    const phases = new Set<string>();
    let last = 0;
    await blendAlgorithm.fit(matrix, params, {
      progress: (fraction, phase) => {
        phases.add(phase.split(' ')[0] as string);
        last = fraction;
      },
    });
    expect([...phases].sort()).toEqual(['ease', 'gfcf', 'ials']);
    expect(last).toBe(1);
    const controller = new AbortController();
    const fitting = blendAlgorithm.fit(matrix, params, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(fitting).rejects.toThrow('stop');
  });
});
