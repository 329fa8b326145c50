import type { ItemHistory } from '../models/interaction-matrix.js';
import type { LoadedModel } from '../models/load-model.js';
import type { ExposureTally } from '../rerank/exposure-rotation.js';
import type { ServingCatalog } from './serving-catalog.js';
import type { Slate } from './slate.js';
import type { ViewerContext } from './viewer-context.js';

export const SURFACES = ['home', 'detail', 'search'] as const;
export type Surface = (typeof SURFACES)[number];

/** Reusable per-catalog buffers: requests run synchronously, so one set serves them all in turn. */
export interface ScoreScratch {
  /** Model scores, one per scored column. */
  readonly scores: Float32Array;
  /** Column indices, one per scored column (for partial selection). */
  readonly columns: Int32Array;
}

/** Everything a stage may read. Stages read no database: all of this is in memory before they run. */
export interface PipelineContext {
  readonly surface: Surface;
  readonly viewer: ViewerContext;
  readonly model: LoadedModel | undefined;
  readonly catalog: ServingCatalog;
  /** Detail surface: the column of the item the page is about. */
  readonly anchor: number | null;
  /**
   * What the model scores from: the viewer's history items the model knows, or on the detail surface
   * the one item. Explanations explain from the same history.
   */
  readonly scoringHistory: ItemHistory;
  readonly scratch: ScoreScratch;
  /** The viewer's fair-exposure shortfall carried from earlier lists (0 for no viewer, or no profiling). */
  readonly exposureDeficit: number;
  /** What this server has shown so far, for exposure rotation (null: nothing is counted). */
  readonly servedExposure: ExposureTally | null;
  /** Item ids the safety gateway held for a curator: never served. */
  readonly heldItems: ReadonlySet<string>;
  /** Item ids the viewer turned down ("not interested", thumbs down): never offered to them again. */
  readonly dismissedItems: ReadonlySet<string>;
}

/** A pipeline stage: a named function returning a new slate with its trace entry added. */
export type Stage = (slate: Slate, ctx: PipelineContext) => Slate;

const scratches = new WeakMap<ServingCatalog, ScoreScratch>();

export function scratchFor(catalog: ServingCatalog): ScoreScratch {
  let scratch = scratches.get(catalog);
  if (!scratch) {
    scratch = {
      scores: new Float32Array(catalog.scoredColumns),
      columns: new Int32Array(catalog.scoredColumns),
    };
    scratches.set(catalog, scratch);
  }
  return scratch;
}

/**
 * The history the model scores from. Columns the model knows come first in the catalog, so they are a
 * prefix of the (ascending) viewer history: a view, no copy.
 */
export function scoringHistoryOf(
  viewer: ViewerContext,
  catalog: ServingCatalog,
  anchor: number | null,
): ItemHistory {
  if (anchor !== null) return { items: Int32Array.of(anchor) };
  const { items, weights } = viewer.history;
  let end = items.length;
  while (end > 0 && (items[end - 1] as number) >= catalog.scoredColumns) end -= 1;
  return end === items.length
    ? viewer.history
    : { items: items.subarray(0, end), ...(weights ? { weights: weights.subarray(0, end) } : {}) };
}

/** Runs stages in order from an empty slate. */
export function runStages(stages: readonly Stage[], ctx: PipelineContext, initial: Slate): Slate {
  let slate = initial;
  for (const stage of stages) slate = stage(slate, ctx);
  return slate;
}
