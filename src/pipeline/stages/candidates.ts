import type { LoadedModel } from '../../models/load-model.js';
import type { PipelineContext } from '../pipeline-context.js';
import { POPULARITY_MODEL_ID } from '../serving-catalog.js';
import { topColumns } from '../top-columns.js';
import { nextSlate, type PopularityBasis, type Reason, type Slate, type SlateItem } from '../slate.js';

export interface CandidatesOptions {
  /** How many candidates the later stages choose from. */
  poolSize?: number;
}

export const DEFAULT_POOL_SIZE = 200;

/** Model picks get their reasons from the explanations stage; one shared empty list until then. */
const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * Why the popularity ordering supplies the candidates, or null when the production model does. The
 * detail surface scores from the page's item alone, which uses nothing of the viewer, so consent and the
 * non-profiling choice do not turn it off.
 */
export function popularityBasis(ctx: PipelineContext): PopularityBasis | null {
  if (!ctx.model) return 'no-model';
  if (ctx.anchor !== null) return ctx.anchor < ctx.catalog.scoredColumns ? null : 'item-not-in-model';
  if (!ctx.viewer.consent.personalization) return 'no-personalization-consent';
  if (ctx.viewer.nonProfiling) return 'non-profiling-feed';
  if (ctx.scoringHistory.items.length === 0) return 'no-history';
  return null;
}

/**
 * The candidate pool: the production model's top `poolSize` items for the scoring history (a partial
 * selection over the scores, no full sort), or the popularity ordering when the model may not or cannot
 * be used (see popularityBasis). Items the viewer has seen stay in: the seen filter removes and counts them.
 */
export const candidates = ({ poolSize = DEFAULT_POOL_SIZE }: CandidatesOptions = {}) => {
  if (!(Number.isInteger(poolSize) && poolSize > 0))
    throw new Error(`poolSize must be a positive integer, got ${poolSize}`);
  return function candidates(slate: Slate, ctx: PipelineContext): Slate {
    if (slate.items.length > 0) throw new Error('candidates must be the first stage');
    const basis = popularityBasis(ctx);
    return basis === null
      ? fromModel(slate, ctx, ctx.model as LoadedModel, poolSize)
      : fromPopularity(slate, ctx, basis, poolSize);
  };
};

function fromModel(slate: Slate, ctx: PipelineContext, model: LoadedModel, poolSize: number): Slate {
  const { catalog, anchor, scratch } = ctx;
  const scores = model.scorer.score(ctx.scoringHistory, scratch.scores);
  // NaN is never selected: items missing from the store, and the page's own item.
  for (const column of catalog.unavailableColumns) scores[column] = Number.NaN;
  if (anchor !== null) scores[anchor] = Number.NaN;
  const eligible = catalog.scoredColumns - catalog.unavailableColumns.length - (anchor === null ? 0 : 1);
  const top = scratch.columns;
  const count = topColumns(scores, poolSize, top);
  const items: SlateItem[] = new Array<SlateItem>(count);
  for (let rank = 0; rank < count; rank += 1) {
    const column = top[rank] as number;
    items[rank] = {
      column,
      itemId: catalog.itemIds[column] as string,
      score: scores[column] as number,
      origin: 'model',
      candidateRank: rank,
      reasons: NO_REASONS,
    };
  }
  return nextSlate(slate, items, {
    stage: 'candidates',
    changed: {
      source: 'model',
      basis: null,
      modelId: model.manifest.id,
      algorithm: model.manifest.algorithm,
      historyItems: ctx.scoringHistory.items.length,
      poolSize,
      added: count,
      truncated: count < eligible,
      eligible,
      anchorItemId: anchor === null ? null : (catalog.itemIds[anchor] as string),
    },
  });
}

function fromPopularity(slate: Slate, ctx: PipelineContext, basis: PopularityBasis, poolSize: number): Slate {
  const { catalog, anchor } = ctx;
  const order = catalog.popularityOrder;
  const anchorId = anchor === null ? null : (catalog.itemIds[anchor] as string);
  // On an item page: popular items sharing a genre with it (all popular items if it has no genre).
  const anchorGenres = anchor === null ? [] : (catalog.genres[anchor] as readonly string[]);
  const items: SlateItem[] = [];
  const shares = (column: number) => {
    const own = catalog.genres[column] as readonly string[];
    return anchorGenres.filter((genre) => own.includes(genre));
  };
  let at = 0;
  for (; at < order.length && items.length < poolSize; at += 1) {
    const column = order[at] as number;
    if (column === anchor) continue;
    const viewers = catalog.viewers[column] as number;
    const popular: Reason = { kind: 'popular', viewers, basis };
    let reasons: Reason[] = [popular];
    if (anchorGenres.length > 0) {
      const shared = shares(column);
      if (shared.length === 0) continue;
      reasons = [{ kind: 'shares-genre', itemId: anchorId as string, genreIds: shared }, popular];
    }
    items.push({
      column,
      itemId: catalog.itemIds[column] as string,
      score: viewers,
      origin: 'popularity',
      candidateRank: items.length,
      reasons,
    });
  }
  // The popular items the pool was the best of: every available one but the page's own (which is
  // available: it was looked up by id), or on a page with genres those sharing one, counted to the end.
  let eligible = anchorGenres.length === 0 ? order.length - (anchor === null ? 0 : 1) : items.length;
  if (anchorGenres.length > 0) {
    for (let rest = at; rest < order.length; rest += 1) {
      const column = order[rest] as number;
      if (column !== anchor && shares(column).length > 0) eligible += 1;
    }
  }
  return nextSlate(slate, items, {
    stage: 'candidates',
    changed: {
      source: 'popularity',
      basis,
      modelId: POPULARITY_MODEL_ID,
      algorithm: 'popularity',
      historyItems: 0,
      poolSize,
      added: items.length,
      truncated: at < order.length,
      eligible,
      anchorItemId: anchorId,
    },
  });
}
