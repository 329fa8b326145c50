import { PipelineError } from '../pipeline/pipeline-error.js';
import { type RecommendDeps, type RecommendRequest, recommend } from '../pipeline/recommend.js';
import { scoringHistoryOf } from '../pipeline/pipeline-context.js';
import type { ViewerContext } from '../pipeline/viewer-context.js';
import { counterfactualSet, type Minimality } from './counterfactual.js';

export interface HistoryContribution {
  itemId: string;
  title: string;
  /** What the history item adds to the item's score (the model's exact decomposition). */
  weight: number;
}

export interface WhyItem {
  itemId: string;
  title: string;
  /** 1-based place on the list served for the same request now. */
  rank: number;
  /** That list, by item id (to compare with what was served before). */
  listItemIds: string[];
  score: number;
  /** False when the list is not built from the viewer's history (no consent, non-profiling feed, no model). */
  personalized: boolean;
  /** Every history item's contribution, largest first; empty when the model cannot decompose its score. */
  contributions: HistoryContribution[];
  /** score minus the contributions: what the item gets from no history item (bias, popularity...). */
  base: number | null;
  counterfactual:
    | {
        found: true;
        /** The history items without which the item leaves the list. */
        removed: HistoryContribution[];
        minimality: Minimality;
        /** Re-run without them: the item is not on the list (always true; checked, not assumed). */
        verified: boolean;
        /** The item's score re-scored without them, and what the contributions predict it to be. */
        scoreWithout: number;
        predictedScoreWithout: number | null;
        reruns: number;
      }
    | { found: false; reason: 'not-personalized' | 'stays-without-any-history'; reruns: number };
}

function withoutHistory(viewer: ViewerContext, removed: ReadonlySet<number>): ViewerContext {
  const { items, weights } = viewer.history;
  const keep: number[] = [];
  for (let at = 0; at < items.length; at += 1) if (!removed.has(items[at] as number)) keep.push(at);
  return {
    ...viewer,
    history: {
      items: Int32Array.from(keep, (at) => items[at] as number),
      ...(weights ? { weights: Float32Array.from(keep, (at) => weights[at] as number) } : {}),
    },
  };
}

/**
 * Why an item is on a viewer's list: the contributions of their history items, and the smallest set of
 * them without which it would leave the list, found by re-running the same request (same surface, limit,
 * policy, model, carried exposure) without them. Throws PipelineError when the item is not on the list
 * the request serves now.
 */
export function whyItem(request: RecommendRequest, itemId: string, deps: RecommendDeps): WhyItem {
  if (request.surface === 'detail') {
    throw new PipelineError(
      'invalid-request',
      'surface',
      'a detail page lists items similar to the page item, not to the history: there is no history to explain',
    );
  }
  const served = recommend(request, deps);
  const at = served.items.findIndex((item) => item.itemId === itemId);
  if (at < 0) {
    throw new PipelineError(
      'unknown-item',
      'itemId',
      `item '${itemId}' is not on the list served for this request`,
    );
  }
  const item = served.items[at] as (typeof served.items)[number];
  const { catalog, model } = deps;
  const column = catalog.columnOfId(itemId) as number;
  const personalized =
    request.viewer.historyUsed && model !== undefined && served.modelId === model.manifest.id;
  const described = (history: number, weight: number): HistoryContribution => ({
    itemId: catalog.itemIds[history] as string,
    title: catalog.titles[history] as string,
    weight,
  });
  const base = {
    itemId,
    title: item.title,
    rank: at + 1,
    listItemIds: served.items.map((entry) => entry.itemId),
    score: item.score,
    personalized,
  };
  if (!personalized) {
    return {
      ...base,
      contributions: [],
      base: null,
      counterfactual: { found: false, reason: 'not-personalized', reruns: 0 },
    };
  }

  const history = request.viewer.history.items;
  const scorer = model.scorer;
  // What the model scores from, as the candidates stage takes it: the history items the model knows.
  const scoringOf = (viewer: ViewerContext) => scoringHistoryOf(viewer, catalog, null);
  const explained =
    scorer.explain && column < catalog.scoredColumns
      ? scorer.explain(scoringOf(request.viewer), column)
      : null;
  const weightOf = new Map(explained?.map((c) => [c.item, c.weight]));
  const contributions = (explained ?? [])
    .map((c) => described(c.item, c.weight))
    .sort((a, b) => b.weight - a.weight);

  const scoreWithout = (removed: readonly number[]) =>
    scorer.score(scoringOf(withoutHistory(request.viewer, new Set(removed))))[column] as number;
  // The search tries the strongest history items first: by contribution, or without contributions by
  // how much lower the score is without the item alone (one re-scoring per history item).
  const strength = explained
    ? weightOf
    : new Map(Array.from(history, (h) => [h, -scoreWithout([h])] as const));
  const order = [...history].sort((a, b) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0) || a - b);

  const listed = (removed: readonly number[]) =>
    recommend({ ...request, viewer: withoutHistory(request.viewer, new Set(removed)) }, deps).items.some(
      (entry) => entry.itemId === itemId,
    );
  const found = counterfactualSet({ listed }, { order });
  const baseScore = explained ? item.score - explained.reduce((sum, c) => sum + c.weight, 0) : null;
  if (!found.found) {
    return {
      ...base,
      contributions,
      base: baseScore,
      counterfactual: { found: false, reason: 'stays-without-any-history', reruns: found.reruns },
    };
  }
  const removedWeight = found.removed.reduce((sum, h) => sum + (weightOf.get(h) ?? 0), 0);
  return {
    ...base,
    contributions,
    base: baseScore,
    counterfactual: {
      found: true,
      removed: found.removed.map((h) => described(h, weightOf.get(h) ?? Number.NaN)),
      minimality: found.minimality,
      verified: !listed(found.removed),
      scoreWithout: scoreWithout(found.removed),
      predictedScoreWithout: explained ? item.score - removedWeight : null,
      reruns: found.reruns + 1,
    },
  };
}
