import type { VersionedPolicy } from '../config/serving-policy.js';
import type { LoadedModel } from '../models/load-model.js';
import type { ExposureLedger } from './exposure-ledger.js';
import type { ServedExposureTallies } from '../rerank/served-exposure.js';
import {
  type PipelineContext,
  runStages,
  type Stage,
  scoringHistoryOf,
  scratchFor,
  type Surface,
} from './pipeline-context.js';
import { PipelineError } from './pipeline-error.js';
import { POPULARITY_MODEL_ID, type ServingCatalog } from './serving-catalog.js';
import { EMPTY_SLATE, type Reason, type StageTrace, traceOf } from './slate.js';
import { rerankFeaturesOf } from './stages/rerank.js';
import type { ViewerContext } from './viewer-context.js';

const NONE_HELD: ReadonlySet<string> = new Set();

export interface ServingDeps {
  /** The production model; undefined serves the popularity ordering over the catalog. */
  model: LoadedModel | undefined;
  /** The catalog index built for that model. */
  catalog: ServingCatalog;
  /** The serving policy (rerankers, pool size, maturity limits) and its version, for the lineage. */
  policy: VersionedPolicy;
  /** Candidate pool to start from (the policy's when absent); grown when the filters leave too few items. */
  poolSize?: number;
  /** Where each viewer's fair-exposure shortfall is carried between lists; none: nothing is carried. */
  exposureLedger?: ExposureLedger;
  /**
   * A fixed carried shortfall instead of the ledger's, neither read from nor written to it: to re-run a
   * request as it was served (its decision record names the shortfall it carried).
   */
  exposureDeficit?: number;
  /**
   * What this server has shown, per catalog, for exposure rotation; lists served with it are counted
   * (not when re-running a list with a fixed `exposureDeficit`). None: the rotation counts nothing.
   */
  servedExposure?: ServedExposureTallies;
  /** Item ids held by the safety gateway's curator queue; none when absent. */
  heldItems?: ReadonlySet<string>;
  /** Items the viewer turned down (see FeedbackRepository.dismissedItemIds). */
  dismissedItems?: ReadonlySet<string>;
}

export interface Recommendation {
  itemId: string;
  title: string;
  /** The rating shown to viewers (empty when the catalog has none). */
  maturityRating: string;
  genres: readonly string[];
  score: number;
  /** 1-based. */
  rank: number;
  confidence: number;
  reasons: readonly Reason[];
}

/** What produced a response, for its decision record. */
export interface Lineage {
  modelId: string;
  algorithm: string;
  /** The model's training data snapshot hash, or the popularity counts' hash. */
  dataSnapshot: string;
  policyVersion: string;
}

export interface ServedSlate {
  items: Recommendation[];
  trace: readonly StageTrace[];
  modelId: string;
  lineage: Lineage;
}

export const MAX_LIMIT = 100;

export function checkLimit(limit: number): void {
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT))
    throw new PipelineError('invalid-request', 'limit', `limit must be an integer from 1 to ${MAX_LIMIT}`);
}

/** The column of the item a detail request is about; PipelineError when the catalog does not know it. */
export function anchorColumn(catalog: ServingCatalog, itemId: string | undefined): number {
  const column = itemId === undefined ? undefined : catalog.columnOfId(itemId);
  if (column === undefined) {
    throw itemId === undefined
      ? new PipelineError('invalid-request', 'itemId', 'the detail surface needs an itemId')
      : new PipelineError('unknown-item', 'itemId', `no item has id '${itemId}'`);
  }
  return column;
}

/**
 * Runs stages for a request and shapes the result. Synchronous: everything is in memory. When the
 * filters leave fewer than `limit` items and the candidate pool left eligible items out, it runs again
 * with a pool four times larger (the rare case of a strict profile on a mostly adult catalog).
 */
export function serveSlate(
  request: { surface: Surface; limit: number; anchor: number | null; viewer: ViewerContext },
  deps: ServingDeps,
  stagesFor: (poolSize: number) => readonly Stage[],
): ServedSlate {
  const { catalog, model } = deps;
  if (catalog.modelId !== (model?.manifest.id ?? null)) {
    throw new Error(
      `the serving catalog was built for model ${catalog.modelId ?? 'none'}, not ${model?.manifest.id ?? 'none'}`,
    );
  }
  if (request.viewer.catalogSerial !== catalog.serial)
    throw new Error('the viewer context was read against another serving catalog');
  // The non-profiling feed is the same for everyone at an audience level: nothing per viewer is carried.
  const subjectId = request.viewer.subjectId;
  const carriesExposure = subjectId !== null && !request.viewer.nonProfiling;
  const rotation = deps.policy.policy.ranking.rerankers.find(
    (policy) => policy.kind === 'exposure-rotation' && policy.surfaces.includes(request.surface),
  );
  const tally =
    rotation?.kind === 'exposure-rotation' && deps.servedExposure
      ? deps.servedExposure.for(catalog, rerankFeaturesOf(catalog).popularity.length, rotation.halfLifeLists)
      : null;
  const ctx: PipelineContext = {
    surface: request.surface,
    viewer: request.viewer,
    model,
    catalog,
    anchor: request.anchor,
    scoringHistory: scoringHistoryOf(request.viewer, catalog, request.anchor),
    scratch: scratchFor(catalog),
    heldItems: deps.heldItems ?? NONE_HELD,
    dismissedItems: deps.dismissedItems ?? NONE_HELD,
    exposureDeficit: carriesExposure
      ? (deps.exposureDeficit ?? deps.exposureLedger?.deficitOf(subjectId) ?? 0)
      : 0,
    servedExposure: tally,
  };
  const initialPool = deps.poolSize ?? deps.policy.policy.ranking.poolSize;
  let poolSize = Math.min(Math.max(initialPool, request.limit), catalog.size || 1);
  for (;;) {
    const slate = runStages(stagesFor(poolSize), ctx, EMPTY_SLATE);
    const pool = traceOf(slate, 'candidates')?.changed;
    if (!pool) throw new Error('a pipeline must start with the candidates stage');
    if (slate.items.length < request.limit && pool.truncated && poolSize < catalog.size) {
      poolSize = Math.min(catalog.size, poolSize * 4);
      continue;
    }
    const fromModel = pool.source === 'model' && model !== undefined;
    const lineage: Lineage = {
      modelId: pool.modelId,
      algorithm: pool.algorithm,
      dataSnapshot: fromModel ? model.manifest.data.snapshotHash : catalog.popularitySnapshot,
      policyVersion: deps.policy.version,
    };
    if (carriesExposure && deps.exposureLedger && deps.exposureDeficit === undefined) {
      for (const entry of slate.trace) {
        if (entry.stage !== 'rerank' || entry.changed.reranker !== 'fair-exposure') continue;
        const deficit = entry.changed.detail.deficitAfter;
        if (typeof deficit === 'number') deps.exposureLedger.record(subjectId, deficit);
      }
    }
    // A re-run (a fixed shortfall) shows nothing to anyone: only lists really served are counted.
    if (tally && deps.exposureDeficit === undefined && slate.trace.some(isRotation))
      tally.record(slate.items.map((item) => item.column));
    return {
      items: slate.items.map((item, at) => ({
        itemId: item.itemId,
        title: catalog.titles[item.column] as string,
        maturityRating: catalog.maturityRatings[item.column] as string,
        genres: catalog.genres[item.column] as readonly string[],
        score: item.score,
        rank: at + 1,
        confidence: item.confidence ?? 0,
        reasons: item.reasons,
      })),
      trace: slate.trace,
      modelId: fromModel ? model.manifest.id : POPULARITY_MODEL_ID,
      lineage,
    };
  }
}

const isRotation = (entry: StageTrace): boolean =>
  entry.stage === 'rerank' && entry.changed.reranker === 'exposure-rotation';
