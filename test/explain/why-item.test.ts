import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whyItem } from '../../src/explain/why-item.js';
import type { LoadedModel } from '../../src/models/load-model.js';
import { CONSENT_ASSUMED_WITHOUT_RECORDS } from '../../src/pipeline/consent-state.js';
import { PipelineError } from '../../src/pipeline/pipeline-error.js';
import { recommend } from '../../src/pipeline/recommend.js';
import { loadViewerContext, type ViewerContext } from '../../src/pipeline/viewer-context.js';
import {
  createPipelineWorld,
  type PipelineWorld,
  servingFor,
  trainWorldModel,
} from '../pipeline/pipeline-fixtures.js';

let world: PipelineWorld;
beforeAll(async () => {
  world = await createPipelineWorld();
});
afterAll(async () => {
  await world.dispose();
});

const without = (
  viewer: ViewerContext,
  removed: ReadonlySet<string>,
  deps: { catalog: { itemIds: readonly string[] } },
) => {
  const keep = [...viewer.history.items.keys()].filter(
    (at) => !removed.has(deps.catalog.itemIds[viewer.history.items[at] as number] as string),
  );
  return {
    ...viewer,
    history: {
      items: Int32Array.from(keep, (at) => viewer.history.items[at] as number),
      weights: Float32Array.from(keep, (at) => viewer.history.weights?.[at] ?? 1),
    },
  };
};

describe.each(['ease', 'itemknn'])('whyItem with %s', (algorithm) => {
  let deps: Awaited<ReturnType<typeof servingFor>>;
  beforeAll(async () => {
    deps = await servingFor(world, await trainWorldModel(world, algorithm));
  });
  const viewer = (externalId: string, nonProfiling = false) =>
    loadViewerContext(world.repos, deps.catalog, world.subjects.get(externalId) as string, {
      consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
      nonProfiling,
    });

  it('reports contributions that are exact: removing a history item lowers the score by its weight', async () => {
    const model = deps.model as LoadedModel;
    let checked = 0;
    for (const u of [0, 1, 2, 5, 8]) {
      const context = await viewer(`a${u}`);
      const request = { surface: 'home' as const, limit: 4, viewer: context };
      for (const item of recommend(request, deps).items) {
        const why = whyItem(request, item.itemId, deps);
        const column = deps.catalog.columnOfId(item.itemId) as number;
        expect(why.personalized).toBe(true);
        expect(why.contributions.length).toBeLessThanOrEqual(context.history.items.length);
        expect(why.contributions.length).toBeGreaterThan(0);
        const total = why.contributions.reduce((sum, c) => sum + c.weight, 0);
        expect((why.base as number) + total).toBeCloseTo(item.score, 4);
        for (const contribution of why.contributions.slice(0, 3)) {
          const reduced = without(context, new Set([contribution.itemId]), deps);
          const rescored = model.scorer.score(reduced.history)[column] as number;
          expect(rescored).toBeCloseTo(item.score - contribution.weight, 4);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('finds a set of history items whose removal really takes the item off the list, and no smaller one', async () => {
    let found = 0;
    for (const u of [0, 3, 4, 7]) {
      const context = await viewer(`a${u}`);
      const request = { surface: 'home' as const, limit: 3, viewer: context };
      for (const item of recommend(request, deps).items) {
        const why = whyItem(request, item.itemId, deps);
        if (!why.counterfactual.found) continue;
        found += 1;
        const { removed, verified, minimality, scoreWithout, predictedScoreWithout } = why.counterfactual;
        expect(verified).toBe(true);
        const gone = new Set(removed.map((r) => r.itemId));
        const rerun = recommend({ ...request, viewer: without(context, gone, deps) }, deps);
        expect(rerun.items.map((entry) => entry.itemId)).not.toContain(item.itemId);
        expect(scoreWithout).toBeCloseTo(predictedScoreWithout as number, 4);
        if (minimality === 'minimum' && removed.length > 1) {
          // No single history item is enough on its own.
          for (const h of context.history.items) {
            const one = new Set([deps.catalog.itemIds[h] as string]);
            const single = recommend({ ...request, viewer: without(context, one, deps) }, deps);
            expect(single.items.map((entry) => entry.itemId)).toContain(item.itemId);
          }
        }
      }
    }
    expect(found).toBeGreaterThan(3);
  });

  it('says the list was not personalized on the non-profiling feed', async () => {
    const context = await viewer('a0', true);
    const request = { surface: 'home' as const, limit: 3, viewer: context };
    const first = recommend(request, deps).items[0]?.itemId as string;
    const why = whyItem(request, first, deps);
    expect(why).toMatchObject({
      personalized: false,
      contributions: [],
      counterfactual: { found: false, reason: 'not-personalized' },
    });
  });

  it('refuses an item that is not on the list, and the detail surface', async () => {
    const context = await viewer('a0');
    const request = { surface: 'home' as const, limit: 2, viewer: context };
    const listed = new Set(recommend(request, deps).items.map((item) => item.itemId));
    const other = [...world.items.values()].find((id) => !listed.has(id)) as string;
    expect(() => whyItem(request, other, deps)).toThrow(PipelineError);
    expect(() =>
      whyItem({ surface: 'detail', limit: 2, viewer: context, itemId: other }, other, deps),
    ).toThrow(/detail page/);
  });
});
