import { PipelineError } from '../pipeline/pipeline-error.js';
import { type RecommendDeps, type RecommendRequest, recommend } from '../pipeline/recommend.js';
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
  const base = { itemId, title: item.title, rank: at + 1, score: item.score, personalized };
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
  const scorable = Array.from(history).filter((h) => h < catalog.scoredColumns);
  const explained =
    scorer.explain && column < catalog.scoredColumns
      ? scorer.explain({ items: Int32Array.from(scorable), ...weightsOf(request.viewer, scorable) }, column)
      : null;
  const weightOf = new Map(explained?.map((c) => [c.item, c.weight]));
  const contributions = (explained ?? [])
    .map((c) => described(c.item, c.weight))
    .sort((a, b) => b.weight - a.weight);

  // Without contributions, leave-one-out re-scoring orders the search instead.
  const scoreWithout = (removed: readonly number[]) => {
    const viewer = withoutHistory(request.viewer, new Set(removed));
    const kept = Array.from(viewer.history.items).filter((h) => h < catalog.scoredColumns);
    return scorer.score({ items: Int32Array.from(kept), ...weightsOf(viewer, kept) })[column] as number;
  };
  const order = explained
    ? [...history].sort((a, b) => (weightOf.get(b) ?? 0) - (weightOf.get(a) ?? 0) || a - b)
    : [...history].sort((a, b) => scoreWithout([a]) - scoreWithout([b]) || a - b);

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

function weightsOf(viewer: ViewerContext, columns: readonly number[]): { weights?: Float32Array } {
  const { items, weights } = viewer.history;
  if (!weights) return {};
  const weightOf = new Map<number, number>();
  for (let at = 0; at < items.length; at += 1) weightOf.set(items[at] as number, weights[at] as number);
  return { weights: Float32Array.from(columns, (column) => weightOf.get(column) ?? 1) };
}
