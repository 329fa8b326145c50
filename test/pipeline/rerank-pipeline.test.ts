import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServingPolicy, type ServingPolicyInput } from '../../src/config/serving-policy.js';
import type { LoadedModel } from '../../src/models/load-model.js';
import type { ConsentState } from '../../src/pipeline/consent-state.js';
import { CONSENT_ASSUMED_WITHOUT_RECORDS } from '../../src/pipeline/consent-state.js';
import { ExposureLedger } from '../../src/pipeline/exposure-ledger.js';
import { SURFACES } from '../../src/pipeline/pipeline-context.js';
import { recommend } from '../../src/pipeline/recommend.js';
import type { RerankChange, StageTrace } from '../../src/pipeline/slate.js';
import { loadViewerContext } from '../../src/pipeline/viewer-context.js';
import { mulberry32 } from '../../src/random/seeded-random.js';
import { fairMinimumTable } from '../../src/rerank/fair-exposure.js';
import { ServedExposureTallies } from '../../src/rerank/served-exposure.js';
import { activityFactor } from '../../src/rerank/tail-boost.js';
import {
  createPipelineWorld,
  isUnderrepresented,
  N_ADULTS,
  type PipelineWorld,
  servingFor,
  trainWorldModel,
} from './pipeline-fixtures.js';

let world: PipelineWorld;
let deps: Awaited<ReturnType<typeof servingFor>>;

beforeAll(async () => {
  world = await createPipelineWorld();
  deps = await servingFor(world, await trainWorldModel(world, 'ease'));
});
afterAll(async () => {
  await world.dispose();
});

const viewer = (externalId: string, options: { consent?: ConsentState; nonProfiling?: boolean } = {}) =>
  loadViewerContext(world.repos, deps.catalog, world.subjects.get(externalId) as string, {
    consent: options.consent ?? CONSENT_ASSUMED_WITHOUT_RECORDS,
    nonProfiling: options.nonProfiling ?? false,
  });
const withPolicy = (input: ServingPolicyInput) => ({ ...deps, policy: parseServingPolicy(input) });
const reranks = (trace: readonly StageTrace[]): RerankChange[] =>
  trace.flatMap((entry) => (entry.stage === 'rerank' ? [entry.changed] : []));
const externalOf = (itemId: string) =>
  [...world.items.entries()].find(([, id]) => id === itemId)?.[0] as string;
const itemNumber = (itemId: string) => Number(externalOf(itemId).slice(1));

const PROMOTING = [
  ['diversity', 'diversity-pick', { kind: 'diversity', lambda: 0.9 }],
  ['calibration', 'calibration-pick', { kind: 'calibration', lambda: 0.9 }],
  ['popularity-debias', 'long-tail-pick', { kind: 'popularity-debias', lambda: 0.9 }],
  ['tail-boost', 'long-tail-pick', { kind: 'tail-boost', lambda: 0.5 }],
  [
    'tail-boost by activity on the model scale',
    'long-tail-pick',
    { kind: 'tail-boost', lambda: 0.5, scale: 'model', relevantPerHistoryItem: 0.5 },
  ],
  ['fair-exposure', 'fair-exposure-boost', { kind: 'fair-exposure', target: { kind: 'fixed', p: 0.6 } }],
] as const;

describe('confidence', () => {
  it("is the item's percentile over the whole catalog for the viewer, whatever the pool size", async () => {
    const context = await viewer('a5');
    const small = recommend({ surface: 'home', limit: 4, viewer: context }, { ...deps, poolSize: 10 });
    const large = recommend({ surface: 'home', limit: 4, viewer: context }, { ...deps, poolSize: 28 });
    expect(small.items.map((i) => i.itemId)).toEqual(large.items.map((i) => i.itemId));
    expect(small.items.map((i) => i.confidence)).toEqual(large.items.map((i) => i.confidence));
    // Seen items outrank some picks and are filtered out, so the first pick need not be at 1.
    const scores = (deps.model as LoadedModel).scorer.score(context.history);
    const eligible = deps.catalog.scoredColumns - deps.catalog.unavailableColumns.length;
    for (const item of small.items) {
      const own = scores[deps.catalog.columnOfId(item.itemId) as number] as number;
      const above = Array.from(scores.subarray(0, eligible)).filter((score) => score > own).length;
      expect(item.confidence).toBeCloseTo((eligible - above) / eligible, 12);
    }
  });
});

describe('rerankers from the policy', () => {
  it('runs between the seen filter and truncate, in the policy order, and records what they did', async () => {
    const context = await viewer('a0');
    const result = recommend(
      { surface: 'home', limit: 5, viewer: context },
      withPolicy({
        ranking: {
          rerankers: [
            { kind: 'diversity', lambda: 0.5 },
            { kind: 'fair-exposure' },
            { kind: 'exploration-slot', slot: 2 },
          ],
        },
      }),
    );
    expect(result.trace.map((entry) => entry.stage)).toEqual([
      'candidates',
      'maturity-filter',
      'safety-filter',
      'seen-filter',
      'dismissed-filter',
      'rerank',
      'rerank',
      'rerank',
      'truncate',
      'explanations',
    ]);
    expect(reranks(result.trace).map((change) => change.reranker)).toEqual([
      'diversity',
      'fair-exposure',
      'exploration-slot',
    ]);
    expect(reranks(result.trace)[0]?.params).toEqual({ lambda: 0.5 });
    expect(result.lineage.policyVersion).toMatch(/^policy-/);
    expect(result.items).toHaveLength(5);
    expect(new Set(result.items.map((item) => item.itemId)).size).toBe(5);
  });

  it.each(PROMOTING)(
    '%s labels exactly the items it brought up from below the list, with their pool rank',
    async (_name, kind, reranker) => {
      let labelled = 0;
      for (let u = 0; u < N_ADULTS; u += 1) {
        const context = await viewer(`a${u}`);
        const result = recommend(
          { surface: 'home', limit: 4, viewer: context },
          withPolicy({ ranking: { rerankers: [reranker] } }),
        );
        const change = reranks(result.trace)[0] as RerankChange;
        const marked = result.items.filter((item) => item.reasons.some((reason) => reason.kind === kind));
        expect(marked.map((item) => item.itemId).sort()).toEqual([...change.promotedItemIds].sort());
        for (const item of marked) {
          const reason = item.reasons.find((r) => r.kind === kind);
          expect(reason && 'candidateRank' in reason && reason.candidateRank).toBeGreaterThanOrEqual(4);
        }
        labelled += marked.length;
      }
      expect(labelled).toBeGreaterThan(0);
    },
  );

  it("tail boost by activity scales the bonus by the viewer's own history", async () => {
    const bonuses = new Set<number>();
    for (let u = 0; u < N_ADULTS; u += 1) {
      const context = await viewer(`a${u}`);
      const result = recommend(
        { surface: 'home', limit: 4, viewer: context },
        withPolicy({
          ranking: { rerankers: [{ kind: 'tail-boost', lambda: 0.4, relevantPerHistoryItem: 0.25 }] },
        }),
      );
      const detail = reranks(result.trace)[0]?.detail as Record<string, number>;
      expect(detail.bonus).toBeCloseTo(0.4 * activityFactor(context.history.items.length, 4, 0.25), 12);
      bonuses.add(detail.bonus as number);
    }
    // The world's viewers have histories of different lengths, so the bonus differs between them.
    expect(bonuses.size).toBeGreaterThan(1);
  });

  it('fair exposure holds the FA*IR minimum of under-represented items in every prefix', async () => {
    let met = 0;
    for (let u = 0; u < N_ADULTS; u += 1) {
      const context = await viewer(`a${u}`);
      const result = recommend(
        { surface: 'home', limit: 6, viewer: context },
        withPolicy({
          ranking: {
            rerankers: [{ kind: 'fair-exposure', target: { kind: 'fixed', p: 0.5 }, amortize: false }],
          },
        }),
      );
      const detail = reranks(result.trace)[0]?.detail as Record<string, number | boolean>;
      const table = fairMinimumTable(6, 0.5, detail.alpha as number);
      let count = 0;
      for (const [at, item] of result.items.entries()) {
        if (isUnderrepresented(itemNumber(item.itemId))) count += 1;
        if (detail.constraintUnmet !== true) expect(count).toBeGreaterThanOrEqual(table[at] as number);
      }
      if (detail.constraintUnmet !== true && (table[5] as number) > 0) met += 1;
    }
    expect(met).toBeGreaterThan(N_ADULTS / 2);
  });

  it("carries a viewer's exposure shortfall into their next list, and nothing on the non-profiling feed", async () => {
    const ledger = new ExposureLedger();
    const policy = withPolicy({
      ranking: { rerankers: [{ kind: 'fair-exposure', target: { kind: 'fixed', p: 0.9 } }] },
    });
    const context = await viewer('a1');
    const subjectId = context.subjectId as string;
    const first = recommend(
      { surface: 'home', limit: 3, viewer: context },
      { ...policy, exposureLedger: ledger },
    );
    const firstDetail = reranks(first.trace)[0]?.detail as Record<string, number>;
    expect(ledger.deficitOf(subjectId)).toBeCloseTo(firstDetail.deficitAfter as number, 12);
    expect(ledger.deficitOf(subjectId)).toBeGreaterThan(0);
    const second = recommend(
      { surface: 'home', limit: 3, viewer: context },
      { ...policy, exposureLedger: ledger },
    );
    const secondDetail = reranks(second.trace)[0]?.detail as Record<string, number>;
    expect(secondDetail.targetProportion).toBeGreaterThan(firstDetail.targetProportion as number);

    const plain = await viewer('a2', { nonProfiling: true });
    recommend({ surface: 'home', limit: 3, viewer: plain }, { ...policy, exposureLedger: ledger });
    expect(ledger.deficitOf(plain.subjectId as string)).toBe(0);
  });

  it('rotates exposure: lists served with it show more of the catalog, its picks labelled; re-runs count nothing', async () => {
    const policy = withPolicy({ ranking: { rerankers: [{ kind: 'exposure-rotation', lambda: 0.6 }] } });
    const contexts = await Promise.all(Array.from({ length: N_ADULTS }, (_, u) => viewer(`a${u}`)));
    const serveAll = (deps: Parameters<typeof recommend>[1], rounds: number) => {
      const shown = new Set<string>();
      let promoted = 0;
      for (let round = 0; round < rounds; round += 1) {
        for (const context of contexts) {
          const result = recommend({ surface: 'home', limit: 3, viewer: context }, deps);
          for (const item of result.items) shown.add(item.itemId);
          const change = reranks(result.trace)[0];
          const marked = result.items.filter((item) => item.reasons.some((r) => r.kind === 'rotation-pick'));
          expect(marked.map((item) => item.itemId).sort()).toEqual(
            [...(change?.promotedItemIds ?? [])].sort(),
          );
          promoted += marked.length;
        }
      }
      return { shown: shown.size, promoted };
    };
    // Without a tally nothing has been shown, so every candidate is equally fresh: the model's order.
    const unrotated = serveAll(policy, 3);
    expect(unrotated.promoted).toBe(0);
    const tallies = new ServedExposureTallies();
    const rotated = serveAll({ ...policy, servedExposure: tallies }, 3);
    expect(rotated.promoted).toBeGreaterThan(0);
    expect(rotated.shown).toBeGreaterThan(unrotated.shown);
    const tally = tallies.for(deps.catalog, deps.catalog.viewers.length);
    const lists = tally.lists;
    expect(lists).toBeGreaterThan(0);
    // Re-running a served list (as the why route does, with its recorded shortfall) shows it to no one.
    recommend(
      { surface: 'home', limit: 3, viewer: contexts[0] as (typeof contexts)[number] },
      { ...policy, servedExposure: tallies, exposureDeficit: 0 },
    );
    expect(tally.lists).toBe(lists);
  });

  it('labels the exploration pick wherever it came from, with its genres', async () => {
    const context = await viewer('a3');
    const result = recommend(
      { surface: 'home', limit: 5, viewer: context },
      withPolicy({ ranking: { rerankers: [{ kind: 'exploration-slot', slot: 1 }] } }),
    );
    const change = reranks(result.trace)[0] as RerankChange;
    expect(change.detail.picked).toBe(result.items[0]?.itemId);
    const reason = result.items[0]?.reasons[0];
    expect(reason).toMatchObject({ kind: 'exploration-pick' });
    expect(reason?.kind === 'exploration-pick' && reason.genreIds.length).toBeGreaterThan(0);
  });

  it("calibration with reorder shows its choice in the model's order, and a pool bounds its reach", async () => {
    for (let u = 0; u < N_ADULTS; u += 1) {
      const context = await viewer(`a${u}`);
      const request = { surface: 'home' as const, limit: 5, viewer: context };
      const plain = recommend(
        request,
        withPolicy({ ranking: { rerankers: [{ kind: 'calibration', lambda: 0.9 }] } }),
      );
      const reordered = recommend(
        request,
        withPolicy({ ranking: { rerankers: [{ kind: 'calibration', lambda: 0.9, reorder: true }] } }),
      );
      const ids = (r: typeof plain) => r.items.map((item) => item.itemId);
      expect([...ids(reordered)].sort()).toEqual([...ids(plain)].sort());
      const scores = reordered.items.map((item) => item.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const unranked = recommend(request, deps);
      const bounded = recommend(
        request,
        withPolicy({ ranking: { rerankers: [{ kind: 'calibration', lambda: 0.9, pool: 5 }] } }),
      );
      expect([...ids(bounded)].sort()).toEqual([...ids(unranked)].sort());
    }
  });

  it('runs a reranker only on the surfaces its policy names', async () => {
    const context = await viewer('a4');
    const policy = withPolicy({ ranking: { rerankers: [{ kind: 'diversity', surfaces: ['search'] }] } });
    const home = recommend({ surface: 'home', limit: 5, viewer: context }, policy);
    const search = recommend({ surface: 'search', limit: 5, viewer: context }, policy);
    expect(reranks(home.trace)).toEqual([]);
    expect(reranks(search.trace).map((change) => change.reranker)).toEqual(['diversity']);
  });

  it('never gives a kids or teen profile an item above its level, whatever the policy, surface or feed', async () => {
    const random = mulberry32(5);
    const policies: ServingPolicyInput[] = [
      {},
      ...PROMOTING.map(([, , reranker]) => ({
        ranking: { rerankers: [{ ...reranker, surfaces: [...SURFACES] }] },
      })),
      {
        ranking: {
          rerankers: [
            { kind: 'calibration', surfaces: [...SURFACES] },
            { kind: 'fair-exposure', target: { kind: 'fixed', p: 1 }, surfaces: [...SURFACES] },
            { kind: 'exploration-slot', slot: 1, surfaces: [...SURFACES] },
          ],
        },
      },
      { maturity: { maxAudienceLevel: { teen: 2 } } },
    ];
    const limits = { kid: 2, teen: 3 } as const;
    let checked = 0;
    for (let trial = 0; trial < 120; trial += 1) {
      const input = policies[Math.floor(random() * policies.length)] as ServingPolicyInput;
      const who = random() < 0.5 ? 'kid' : 'teen';
      const policy = parseServingPolicy(input);
      const context = await loadViewerContext(world.repos, deps.catalog, world.subjects.get(who) as string, {
        consent:
          random() < 0.8
            ? CONSENT_ASSUMED_WITHOUT_RECORDS
            : { ...CONSENT_ASSUMED_WITHOUT_RECORDS, personalization: false },
        nonProfiling: random() < 0.3,
        maturity: policy.policy.maturity.maxAudienceLevel,
      });
      const limit = Math.min(
        limits[who],
        policy.policy.maturity.maxAudienceLevel[who === 'kid' ? 'kids' : 'teen'],
      );
      const surface = SURFACES[Math.floor(random() * SURFACES.length)] as (typeof SURFACES)[number];
      const itemId = surface === 'detail' ? world.items.get(`i${5 * Math.floor(random() * 6)}`) : undefined;
      const result = recommend(
        { surface, limit: 1 + Math.floor(random() * 12), itemId, viewer: context },
        { ...deps, policy, poolSize: 10 + Math.floor(random() * 30) },
      );
      for (const item of result.items) {
        const level = deps.catalog.audienceLevels[deps.catalog.columnOfId(item.itemId) as number] as number;
        expect(level).toBeLessThanOrEqual(limit);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
