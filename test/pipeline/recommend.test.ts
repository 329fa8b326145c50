import { DEFAULT_POLICY, type VersionedPolicy } from '../../src/config/serving-policy.js';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { LoadedModel } from '../../src/models/load-model.js';
import {
  CONSENT_ASSUMED_WITHOUT_RECORDS,
  type ConsentState,
  decisionRecordData,
  loadViewerContext,
  PipelineError,
  POPULARITY_MODEL_ID,
  type Reason,
  type RecommendResult,
  recommend,
  type ServingCatalog,
  similarItems,
  type StageTrace,
  type ViewerContext,
} from '../../src/pipeline/index.js';
import {
  createPipelineWorld,
  N_ITEMS,
  type PipelineWorld,
  servingFor,
  trainWorldModel,
} from './pipeline-fixtures.js';

const NO_CONSENT: ConsentState = { personalization: false, source: 'test: withdrawn', version: 3 };

type Deps = { model: LoadedModel | undefined; catalog: ServingCatalog; policy: VersionedPolicy };

let world: PipelineWorld;
const models = new Map<string, LoadedModel>();

beforeAll(async () => {
  world = await createPipelineWorld();
  for (const algorithm of ['ease', 'itemknn']) models.set(algorithm, await trainWorldModel(world, algorithm));
});
afterAll(async () => {
  await world.dispose();
});

const viewer = (
  deps: Deps,
  externalId: string,
  options: { consent?: ConsentState; nonProfiling?: boolean } = {},
) =>
  loadViewerContext(world.repos, deps.catalog, world.subjects.get(externalId) as string, {
    consent: options.consent ?? CONSENT_ASSUMED_WITHOUT_RECORDS,
    nonProfiling: options.nonProfiling ?? false,
  });

const stagesOf = (result: { trace: readonly StageTrace[] }) => result.trace.map((entry) => entry.stage);
const candidatesOf = (result: { trace: readonly StageTrace[] }) => {
  const entry = result.trace.find((e) => e.stage === 'candidates');
  if (entry?.stage !== 'candidates') throw new Error('no candidates trace');
  return entry.changed;
};
const levelOf = (deps: Deps, itemId: string) =>
  deps.catalog.audienceLevels[deps.catalog.columnOfId(itemId) as number] as number;

/** The popularity ordering as the catalog holds it, after the viewer's maturity limit. */
const popularOrder = (deps: Deps, maxLevel: number) =>
  [...deps.catalog.popularityOrder]
    .filter((column) => (deps.catalog.audienceLevels[column] as number) <= maxLevel)
    .map((column) => deps.catalog.itemIds[column]);

describe.each(['ease', 'itemknn'])('recommend with %s', (algorithm) => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await servingFor(world, models.get(algorithm));
  });

  it('runs each stage once in order and reports what each changed', async () => {
    const result = recommend({ surface: 'home', limit: 5, viewer: await viewer(deps, 'a0') }, deps);
    expect(stagesOf(result)).toEqual([
      'candidates',
      'maturity-filter',
      'safety-filter',
      'seen-filter',
      'dismissed-filter',
      'truncate',
      'explanations',
    ]);
    const [candidates, maturity, held, seen, dismissed, truncate, explained] = result.trace;
    expect(dismissed).toEqual({ stage: 'dismissed-filter', changed: { removed: 0 } });
    expect(held).toEqual({ stage: 'safety-filter', changed: { removed: 0, removedItemIds: [] } });
    expect(candidates).toMatchObject({
      stage: 'candidates',
      changed: { source: 'model', basis: null, algorithm },
    });
    const added = candidatesOf(result).added;
    expect(maturity).toMatchObject({ changed: { maxAudienceLevel: 5, removed: 0 } });
    expect(seen?.stage === 'seen-filter' && seen.changed.historyUsed).toBe(true);
    const afterSeen = added - (seen?.stage === 'seen-filter' ? seen.changed.removed : 0);
    expect(truncate).toEqual({ stage: 'truncate', changed: { limit: 5, removed: afterSeen - 5 } });
    expect(explained).toMatchObject({ changed: { explained: 5, confidence: 'catalog-rank-percentile' } });
    expect(result.modelId).toBe(deps.model?.manifest.id);
    expect(result.lineage).toEqual({
      modelId: deps.model?.manifest.id,
      algorithm,
      dataSnapshot: deps.model?.manifest.data.snapshotHash,
      policyVersion: DEFAULT_POLICY.version,
    });
    expect(result.consent).toBe(CONSENT_ASSUMED_WITHOUT_RECORDS);
  });

  it('respects the limit and never returns an item the viewer has seen', async () => {
    for (const externalId of ['a0', 'a1', 'a2', 'a7', 'teen']) {
      const context = await viewer(deps, externalId);
      const seen = new Set([...(world.watched.get(externalId) ?? [])].map((i) => world.items.get(i)));
      for (const limit of [1, 3, 10, 100]) {
        const result = recommend({ surface: 'home', limit, viewer: context }, deps);
        expect(result.items.length).toBeLessThanOrEqual(limit);
        expect(result.items.length).toBe(Math.min(limit, N_ITEMS - seen.size - overLevel(context)));
        expect(result.items.filter((item) => seen.has(item.itemId))).toEqual([]);
        expect(result.items.map((item) => item.rank)).toEqual(result.items.map((_, at) => at + 1));
      }
    }
  });

  const overLevel = (context: ViewerContext) => {
    let n = 0;
    for (let column = 0; column < deps.catalog.size; column += 1) {
      const seen = context.history.items.includes(column);
      if (!seen && (deps.catalog.audienceLevels[column] as number) > context.maxAudienceLevel) n += 1;
    }
    return n;
  };

  it('keeps a kids profile to its audience level, and says which items the filter removed', async () => {
    const context = await viewer(deps, 'kid');
    expect(context.maxAudienceLevel).toBe(2);
    const result = recommend({ surface: 'home', limit: 100, viewer: context }, deps);
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) expect(levelOf(deps, item.itemId)).toBeLessThanOrEqual(2);
    const maturity = result.trace.find((e) => e.stage === 'maturity-filter');
    if (maturity?.stage !== 'maturity-filter') throw new Error('no maturity trace');
    expect(maturity.changed.removedItemIds.length).toBe(maturity.changed.removed);
    for (const id of maturity.changed.removedItemIds) expect(levelOf(deps, id)).toBeGreaterThan(2);
    // With the whole catalog in the pool, exactly the over-level items were removed.
    const everything = recommend(
      { surface: 'home', limit: 100, viewer: context },
      { ...deps, poolSize: N_ITEMS },
    );
    const removed = everything.trace.find((e) => e.stage === 'maturity-filter');
    const overLevelIds = [...world.items.values()].filter((id) => levelOf(deps, id) > 2);
    expect(removed?.stage === 'maturity-filter' && [...removed.changed.removedItemIds].sort()).toEqual(
      overLevelIds.sort(),
    );
  });

  it('still fills the limit for a strict profile when the first pool was too small', async () => {
    const context = await viewer(deps, 'kid');
    const wide = recommend({ surface: 'home', limit: 6, viewer: context }, { ...deps, poolSize: N_ITEMS });
    const narrow = recommend({ surface: 'home', limit: 6, viewer: context }, { ...deps, poolSize: 2 });
    expect(narrow.items.map((i) => i.itemId)).toEqual(wide.items.map((i) => i.itemId));
    expect(candidatesOf(narrow).poolSize).toBeGreaterThan(6);
  });

  it('explains with the weights the model gives, which add up to the score', async () => {
    const model = deps.model as LoadedModel;
    let named = 0;
    for (const externalId of ['a0', 'a4', 'a5', 'teen']) {
      const context = await viewer(deps, externalId);
      const result = recommend({ surface: 'home', limit: 8, viewer: context }, deps);
      for (const item of result.items) {
        const column = deps.catalog.columnOfId(item.itemId) as number;
        const contributions = model.scorer.explain?.(context.history, column) ?? [];
        // Linear models: the contributions (no bias) sum to the score.
        const total = contributions.reduce((sum, c) => sum + c.weight, 0);
        expect(total).toBeCloseTo(item.score, 4);
        const byId = new Map(contributions.map((c) => [deps.catalog.itemIds[c.item], c.weight]));
        const because = item.reasons.filter((r) => r.kind === 'because-you-watched');
        if (because.length === 0) {
          expect(item.reasons).toEqual([{ kind: 'model-score', algorithm }]);
          expect(contributions.every((c) => c.weight <= 0)).toBe(true);
          continue;
        }
        expect(item.reasons).toEqual(because);
        expect(because.length).toBeLessThanOrEqual(3);
        named += because.length;
        for (const reason of because) {
          expect(reason.weight).toBe(byId.get(reason.itemId));
          expect(reason.title).toBe(deps.catalog.titles[deps.catalog.columnOfId(reason.itemId) as number]);
        }
        // The strongest positive contributions, strongest first.
        const strongest = contributions
          .filter((c) => c.weight > 0)
          .map((c) => c.weight)
          .sort((a, b) => b - a)
          .slice(0, 3);
        expect(because.map((r) => r.weight)).toEqual(strongest);
        expect(item.confidence).toBeGreaterThan(0);
        expect(item.confidence).toBeLessThanOrEqual(1);
      }
      const confidences = result.items.map((i) => i.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    }
    expect(named).toBeGreaterThan(20);
  });

  it('serves the popularity order without consent, and says so in the trace and the reasons', async () => {
    for (const [options, basis] of [
      [{ consent: NO_CONSENT }, 'no-personalization-consent'],
      [{ nonProfiling: true }, 'non-profiling-feed'],
    ] as const) {
      const context = await viewer(deps, 'a0', options);
      expect(context.historyUsed).toBe(false);
      expect(context.history.items).toHaveLength(0);
      const result = recommend({ surface: 'home', limit: 7, viewer: context }, deps);
      expect(result.items.map((i) => i.itemId)).toEqual(popularOrder(deps, 5).slice(0, 7));
      expect(candidatesOf(result)).toMatchObject({
        source: 'popularity',
        basis,
        modelId: POPULARITY_MODEL_ID,
      });
      expect(result.trace[3]).toEqual({ stage: 'seen-filter', changed: { historyUsed: false, removed: 0 } });
      for (const item of result.items) {
        const column = deps.catalog.columnOfId(item.itemId) as number;
        expect(item.reasons).toEqual([{ kind: 'popular', viewers: deps.catalog.viewers[column], basis }]);
        expect(item.score).toBe(deps.catalog.viewers[column]);
      }
      expect(result.modelId).toBe(POPULARITY_MODEL_ID);
      expect(result.lineage).toMatchObject({
        algorithm: 'popularity',
        dataSnapshot: deps.catalog.popularitySnapshot,
      });
      // The same feed for everyone with the same audience limit: no one's profile is in it.
      const other = recommend({ surface: 'home', limit: 7, viewer: await viewer(deps, 'a1', options) }, deps);
      expect(other.items).toEqual(result.items);
    }
  });

  it('uses the popularity order for a viewer without history, filtering for the profile', async () => {
    const result = recommend({ surface: 'home', limit: 4, viewer: await viewer(deps, 'fresh') }, deps);
    expect(candidatesOf(result).basis).toBe('no-history');
    expect(result.items.map((i) => i.itemId)).toEqual(popularOrder(deps, 5).slice(0, 4));
  });

  it('recommends similar items on the detail surface, never the item itself', async () => {
    const model = deps.model as LoadedModel;
    const context = await viewer(deps, 'fresh');
    for (const external of ['i0', 'i4', 'i13']) {
      const itemId = world.items.get(external) as string;
      const result = recommend({ surface: 'detail', itemId, limit: 10, viewer: context }, deps);
      const column = deps.catalog.columnOfId(itemId) as number;
      expect(result.items.length).toBeGreaterThan(0);
      expect(result.items.map((i) => i.itemId)).not.toContain(itemId);
      expect(candidatesOf(result)).toMatchObject({ source: 'model', anchorItemId: itemId, historyItems: 1 });
      const scores = model.scorer.score({ items: Int32Array.of(column) });
      for (const item of result.items) {
        const at = deps.catalog.columnOfId(item.itemId) as number;
        expect(item.score).toBe(scores[at]);
        const [reason] = item.reasons;
        expect(reason).toMatchObject({ kind: 'similar-to', itemId, title: `Item ${external.slice(1)}` });
        expect(reason?.kind === 'similar-to' && reason.weight).toBeCloseTo(item.score, 4);
      }
    }
  });
});

describe.each(['ease', 'itemknn'])('similarItems with %s', (algorithm) => {
  it('ranks by the one-item scores, without the item, within the caller audience level', async () => {
    const deps = await servingFor(world, models.get(algorithm));
    const model = deps.model as LoadedModel;
    for (const [external, maxAudienceLevel] of [
      ['i0', 5],
      ['i7', 2],
      ['i12', 0],
    ] as const) {
      const itemId = world.items.get(external) as string;
      const column = deps.catalog.columnOfId(itemId) as number;
      const result = similarItems({ itemId, limit: 6, maxAudienceLevel }, deps);
      const scores = model.scorer.score({ items: Int32Array.of(column) });
      const expected = [...scores.keys()]
        .filter((c) => c !== column && (deps.catalog.audienceLevels[c] as number) <= maxAudienceLevel)
        .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b)
        .slice(0, 6)
        .map((c) => deps.catalog.itemIds[c]);
      expect(result.items.map((i) => i.itemId)).toEqual(expected);
      expect(stagesOf(result)).toEqual([
        'candidates',
        'maturity-filter',
        'safety-filter',
        'truncate',
        'explanations',
      ]);
      expect(result.items.every((i) => i.reasons[0]?.kind === 'similar-to')).toBe(true);
      expect(result.modelId).toBe(model.manifest.id);
    }
  });
});

describe('similarItems without a model', () => {
  it('lists popular items sharing a genre, within the audience level', async () => {
    const deps = await servingFor(world, undefined);
    const itemId = world.items.get('i2') as string; // genre g2
    const result = similarItems({ itemId, limit: 30, maxAudienceLevel: 3 }, deps);
    const expected = popularOrder(deps, 3).filter(
      (id) =>
        id !== itemId && deps.catalog.genres[deps.catalog.columnOfId(id as string) as number]?.includes('g2'),
    );
    expect(result.items.map((i) => i.itemId)).toEqual(expected);
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.lineage.modelId).toBe(POPULARITY_MODEL_ID);
    expect(() => similarItems({ itemId: 'missing', limit: 3, maxAudienceLevel: 5 }, deps)).toThrow(
      PipelineError,
    );
  });
});

describe('recommend without a model', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await servingFor(world, undefined);
  });

  it('serves the catalog popularity order, minus what the viewer has seen', async () => {
    const context = await viewer(deps, 'a3');
    const result = recommend({ surface: 'home', limit: 5, viewer: context }, deps);
    const seen = new Set([...(world.watched.get('a3') ?? [])].map((i) => world.items.get(i)));
    expect(result.items.map((i) => i.itemId)).toEqual(
      popularOrder(deps, 5)
        .filter((id) => !seen.has(id))
        .slice(0, 5),
    );
    expect(candidatesOf(result).basis).toBe('no-model');
    expect(result.modelId).toBe(POPULARITY_MODEL_ID);
    expect(result.trace[3]).toMatchObject({ stage: 'seen-filter', changed: { historyUsed: true } });
  });

  it('recommends popular items of the same genre on the detail surface', async () => {
    const itemId = world.items.get('i4') as string; // genre g1
    const context = await viewer(deps, 'fresh');
    const result = recommend({ surface: 'detail', itemId, limit: 30, viewer: context }, deps);
    const sameGenre = popularOrder(deps, 5).filter(
      (id) =>
        id !== itemId && deps.catalog.genres[deps.catalog.columnOfId(id as string) as number]?.includes('g1'),
    );
    expect(result.items.map((i) => i.itemId)).toEqual(sameGenre);
    expect(result.items[0]?.reasons[0]).toEqual({ kind: 'shares-genre', itemId, genreIds: ['g1'] });
    expect(candidatesOf(result).basis).toBe('no-model');
  });
});

describe('recommend rejects what it cannot answer', () => {
  let deps: Deps;
  let context: ViewerContext;
  beforeAll(async () => {
    deps = await servingFor(world, models.get('ease'));
    context = await viewer(deps, 'a0');
  });

  const failure = (run: () => unknown): PipelineError => {
    try {
      run();
    } catch (error) {
      if (error instanceof PipelineError) return error;
      throw error;
    }
    throw new Error('expected a PipelineError');
  };

  it('names the failing field', () => {
    const unknown = failure(() =>
      recommend(
        { surface: 'detail', itemId: '00000000-0000-7000-8000-000000000000', limit: 5, viewer: context },
        deps,
      ),
    );
    expect(unknown).toMatchObject({ code: 'unknown-item', field: 'itemId' });
    expect(failure(() => recommend({ surface: 'detail', limit: 5, viewer: context }, deps))).toMatchObject({
      code: 'invalid-request',
      field: 'itemId',
    });
    const itemId = world.items.get('i1') as string;
    expect(failure(() => recommend({ surface: 'home', itemId, limit: 5, viewer: context }, deps)).field).toBe(
      'itemId',
    );
    for (const limit of [0, -1, 1.5, 101, Number.NaN])
      expect(failure(() => recommend({ surface: 'home', limit, viewer: context }, deps)).field).toBe('limit');
  });

  it('refuses a viewer context or catalog from another model (a programming mistake, not a request error)', async () => {
    const other = await servingFor(world, models.get('itemknn'));
    expect(() => recommend({ surface: 'home', limit: 5, viewer: context }, other)).toThrow(
      'viewer context was read against another serving catalog',
    );
    expect(() =>
      recommend({ surface: 'home', limit: 5, viewer: context }, { ...deps, model: models.get('itemknn') }),
    ).toThrow(/serving catalog was built for model/);
  });

  it('throws PipelineError for an unknown subject', async () => {
    await expect(
      loadViewerContext(world.repos, deps.catalog, 'nobody', { consent: CONSENT_ASSUMED_WITHOUT_RECORDS }),
    ).rejects.toMatchObject({ name: 'PipelineError', code: 'unknown-subject', field: 'subjectId' });
  });
});

describe('decision record data', () => {
  it('is taken from the response and its trace', async () => {
    const deps = await servingFor(world, models.get('ease'));
    const context = await viewer(deps, 'a2', {
      consent: { personalization: true, source: 'record', version: 4 },
    });
    const result = recommend({ surface: 'home', limit: 3, viewer: context }, deps);
    const record = decisionRecordData(result, context.subjectId);
    expect(record).toMatchObject({
      subjectId: world.subjects.get('a2'),
      surface: 'home',
      modelId: deps.model?.manifest.id,
      policyVersion: DEFAULT_POLICY.version,
      consent: { version: 4, source: 'record' },
    });
    expect(record.stages).toBe(result.trace);
    expect(record.items.map((i) => i.itemId)).toEqual(result.items.map((i) => i.itemId));
  });
});

describe('public types', () => {
  it('make misuse fail to compile', () => {
    expectTypeOf<RecommendResult['items'][number]['reasons'][number]>().toEqualTypeOf<Reason>();
    const reason = { kind: 'popular', viewers: 3, basis: 'no-model' } as Reason;
    if (reason.kind === 'because-you-watched') expectTypeOf(reason.weight).toEqualTypeOf<number>();
    // @ts-expect-error a popularity reason must say why popularity was used
    const missingBasis: Reason = { kind: 'popular', viewers: 3 };
    // @ts-expect-error the basis is one of the named ones
    const badBasis: Reason = { kind: 'popular', viewers: 3, basis: 'because' };
    // @ts-expect-error a stage trace names a known stage
    const badStage: StageTrace = { stage: 'mystery', changed: {} };
    expect([missingBasis, badBasis, badStage]).toHaveLength(3);
  });
});
