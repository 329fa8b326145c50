import { describe, expect, it } from 'vitest';
import type { ItemHistory } from '../../models/interaction-matrix.js';
import { CONSENT_ASSUMED_WITHOUT_RECORDS } from '../consent-state.js';
import {
  type PipelineContext,
  runStages,
  scoringHistoryOf,
  scratchFor,
  type Stage,
} from '../pipeline-context.js';
import { ServingCatalog } from '../serving-catalog.js';
import { EMPTY_SLATE, type Slate } from '../slate.js';
import { fakeModel, ROWS } from '../test-fixtures.js';
import { createViewerContext, type ViewerContextInput } from '../viewer-context.js';
import { candidates } from './candidates.js';
import { explanations } from './explanations.js';
import { maturityFilter } from './maturity-filter.js';
import { dismissedFilter } from './dismissed-filter.js';
import { seenFilter } from './seen-filter.js';
import { truncate } from './truncate.js';

// Model columns: e d c b a (scores 5 4 3 2 1); audience levels: a 0, b 1, c 2, d 3, e 4.
const ORDER = ['e', 'd', 'c', 'b', 'a'];
const model = fakeModel(ORDER, 'candor', {
  score: (_history: ItemHistory, out = new Float32Array(5)) => out.set([5, 4, 3, 2, 1]) ?? out,
  explain: (history: ItemHistory, item: number) =>
    [...history.items].map((j) => ({ item: j, weight: j === item ? 0 : 10 * j + item - 25 })),
});
const catalog = ServingCatalog.fromRows(ROWS, model);

const contextFor = (
  viewer: Partial<ViewerContextInput> = {},
  anchor: number | null = null,
  dismissedItems: ReadonlySet<string> = new Set<string>(),
): PipelineContext => {
  const context = createViewerContext(
    { subjectId: 's', profileKind: 'adult', consent: CONSENT_ASSUMED_WITHOUT_RECORDS, ...viewer },
    catalog,
  );
  return {
    surface: anchor === null ? 'home' : 'detail',
    viewer: context,
    model,
    catalog,
    anchor,
    scoringHistory: scoringHistoryOf(context, catalog, anchor),
    scratch: scratchFor(catalog),
    heldItems: new Set<string>(),
    dismissedItems,
    servedExposure: null,
    exposureDeficit: 0,
  };
};
const ids = (slate: Slate) => slate.items.map((item) => item.itemId);
const col = (id: string) => catalog.columnOfId(id) as number;

describe('every stage', () => {
  const stages: [string, Stage][] = [
    ['candidates', candidates()],
    ['maturity-filter', maturityFilter()],
    ['seen-filter', seenFilter()],
    ['truncate', truncate({ limit: 2 })],
    ['explanations', explanations()],
  ];
  it.each(stages)(
    '%s returns a new slate with one trace entry added, leaving its input alone',
    (name, stage) => {
      const ctx = contextFor({ profileKind: 'kids', history: { columns: [col('b')] } });
      const before = name === 'candidates' ? EMPTY_SLATE : candidates()(EMPTY_SLATE, ctx);
      const snapshot = structuredClone(before);
      const after = stage(before, ctx);
      expect(after).not.toBe(before);
      expect(before).toEqual(snapshot);
      expect(after.trace.slice(0, -1)).toEqual(before.trace);
      expect(after.trace.at(-1)?.stage).toBe(name);
      expect(stage.name).toBe(name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()));
    },
  );
});

describe('stages', () => {
  it('candidates: the model top of the pool by score, or the popularity order with its basis', () => {
    const personal = candidates({ poolSize: 3 })(
      EMPTY_SLATE,
      contextFor({ history: { columns: [col('a')] } }),
    );
    expect(ids(personal)).toEqual(['e', 'd', 'c']);
    expect(personal.items.map((i) => i.candidateRank)).toEqual([0, 1, 2]);
    expect(personal.trace[0]).toMatchObject({ changed: { source: 'model', added: 3, truncated: true } });
    const fresh = candidates()(EMPTY_SLATE, contextFor());
    expect(ids(fresh)).toEqual(['c', 'e', 'a', 'd', 'b']); // ties: lower column first
    expect(fresh.trace[0]).toMatchObject({
      changed: { source: 'popularity', basis: 'no-history', truncated: false },
    });
    expect(() => candidates({ poolSize: 0 })).toThrow('poolSize must be a positive integer');
    expect(() => candidates()(personal, contextFor())).toThrow('candidates must be the first stage');
  });

  it('maturity filter: removes exactly the items above the level, and names them', () => {
    for (const [profileKind, kept] of [
      ['kids', ['c', 'b', 'a']],
      ['teen', ['d', 'c', 'b', 'a']],
      ['adult', ORDER],
    ] as const) {
      const ctx = contextFor({ profileKind, history: { columns: [col('a')] } });
      const slate = runStages([candidates(), maturityFilter()], ctx, EMPTY_SLATE);
      expect(ids(slate)).toEqual(kept);
      const removed = ORDER.filter((id) => !(kept as readonly string[]).includes(id));
      expect(slate.trace[1]).toEqual({
        stage: 'maturity-filter',
        changed: {
          maxAudienceLevel: ctx.viewer.maxAudienceLevel,
          removed: removed.length,
          removedItemIds: removed,
        },
      });
    }
  });

  it('dismissed filter: removes the items the viewer turned down, on the non-profiling feed too', () => {
    for (const nonProfiling of [false, true]) {
      const ctx = contextFor({ nonProfiling }, null, new Set(['c', 'zz']));
      const slate = runStages([candidates(), dismissedFilter()], ctx, EMPTY_SLATE);
      expect(ids(slate)).toEqual(['e', 'a', 'd', 'b']);
      expect(slate.trace[1]).toEqual({ stage: 'dismissed-filter', changed: { removed: 1 } });
    }
    const none = runStages([candidates(), dismissedFilter()], contextFor(), EMPTY_SLATE);
    expect(ids(none)).toEqual(['c', 'e', 'a', 'd', 'b']);
  });

  it('seen filter: removes history items, counting them only', () => {
    const ctx = contextFor({ history: { columns: [col('d'), col('a'), col('d')] } });
    const slate = runStages([candidates(), seenFilter()], ctx, EMPTY_SLATE);
    expect(ids(slate)).toEqual(['e', 'c', 'b']);
    expect(slate.trace[1]).toEqual({ stage: 'seen-filter', changed: { historyUsed: true, removed: 2 } });
  });

  it('truncate: keeps the first items', () => {
    const slate = runStages([candidates(), truncate({ limit: 2 })], contextFor(), EMPTY_SLATE);
    expect(ids(slate)).toEqual(['c', 'e']);
    expect(slate.trace[1]).toEqual({ stage: 'truncate', changed: { limit: 2, removed: 3 } });
  });

  it('explanations: strongest positive contributions, confidence from the candidate rank', () => {
    // History a, b, c (columns 4, 3, 2): for item e (column 0) weights 15, 5, -5.
    const ctx = contextFor({ history: { columns: [col('a'), col('b'), col('c')] } });
    const slate = runStages(
      [candidates(), seenFilter(), explanations({ historyReasons: 2 })],
      ctx,
      EMPTY_SLATE,
    );
    expect(ids(slate)).toEqual(['e', 'd']);
    expect(slate.items[0]?.reasons).toEqual([
      { kind: 'because-you-watched', itemId: 'a', title: 'A', weight: 15 },
      { kind: 'because-you-watched', itemId: 'b', title: 'B', weight: 5 },
    ]);
    expect(slate.items.map((i) => i.confidence)).toEqual([1, 4 / 5]);
    expect(slate.trace.at(-1)).toEqual({
      stage: 'explanations',
      changed: {
        explained: 2,
        reasons: { 'because-you-watched': 4 },
        confidence: 'catalog-rank-percentile',
      },
    });
  });

  it('explanations: a model score when nothing contributed positively or the model cannot explain', () => {
    const ctx = contextFor({ history: { columns: [col('e')] } });
    // History e (column 0): item d (column 1) gets 10 * 0 + 1 - 25 < 0.
    const slate = runStages([candidates(), seenFilter(), explanations()], ctx, EMPTY_SLATE);
    expect(slate.items[0]?.reasons).toEqual([{ kind: 'model-score', algorithm: 'fake' }]);
    const opaque = { ...ctx, model: fakeModel(ORDER) };
    const unexplained = runStages([candidates(), explanations()], opaque, EMPTY_SLATE);
    expect(unexplained.items.every((i) => i.reasons[0]?.kind === 'model-score')).toBe(true);
  });

  it('explanations: the detail surface is explained by the page item', () => {
    const ctx = contextFor({}, col('c'));
    const slate = runStages([candidates(), explanations()], ctx, EMPTY_SLATE);
    expect(ids(slate)).toEqual(['e', 'd', 'b', 'a']);
    expect(slate.items[0]?.reasons).toEqual([
      { kind: 'similar-to', itemId: 'c', title: 'C', weight: 20 + 0 - 25 },
    ]);
  });

  it('explanations need the candidates trace', () => {
    expect(() => explanations()(EMPTY_SLATE, contextFor())).toThrow('explanations need a candidates stage');
  });
});

describe('viewer context', () => {
  it('merges repeated history items, adding their weights', () => {
    const viewer = createViewerContext(
      {
        subjectId: 's',
        profileKind: 'teen',
        consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
        history: { columns: [3, 1, 3], weights: [1, 2, 5] },
      },
      catalog,
    );
    expect([...viewer.history.items]).toEqual([1, 3]);
    expect([...(viewer.history.weights ?? [])]).toEqual([2, 6]);
    expect(viewer.maxAudienceLevel).toBe(3);
  });

  it('keeps no history without consent or on the non-profiling feed', () => {
    for (const input of [
      { consent: { personalization: false, source: 'test', version: 1 } },
      { consent: CONSENT_ASSUMED_WITHOUT_RECORDS, nonProfiling: true },
    ]) {
      const viewer = createViewerContext(
        { subjectId: 's', profileKind: 'adult', history: { columns: [1, 2] }, ...input },
        catalog,
      );
      expect(viewer.history.items).toHaveLength(0);
      expect(viewer.historyUsed).toBe(false);
    }
  });

  it('refuses a column outside the catalog', () => {
    expect(() =>
      createViewerContext(
        {
          subjectId: 's',
          profileKind: 'adult',
          consent: CONSENT_ASSUMED_WITHOUT_RECORDS,
          history: { columns: [9] },
        },
        catalog,
      ),
    ).toThrow('history column 9 outside 0..4');
  });
});
