import type { RerankerKind } from '../config/serving-policy.js';

/**
 * The one value that flows through the serving pipeline. Each stage returns a new slate with its trace
 * entry appended; explanations, responses and decision records are built from that trace, so they say
 * what happened and nothing else.
 */

/** Why the popularity (non-profiling) recommender supplied the candidates instead of the model. */
export type PopularityBasis =
  /** No production model has been trained yet. */
  | 'no-model'
  /** The viewer has not consented to personalization. */
  | 'no-personalization-consent'
  /** The viewer chose the feed that is not based on profiling. */
  | 'non-profiling-feed'
  /** The viewer has no history the model knows. */
  | 'no-history'
  /** Detail surface: the model has never seen the item the page is about. */
  | 'item-not-in-model';

export type Reason =
  /** A history item that added `weight` to the item's score (exact, from the model's explain). */
  | {
      readonly kind: 'because-you-watched';
      readonly itemId: string;
      readonly title: string;
      readonly weight: number;
    }
  /** Detail surface: scored from this one item; `weight` is its exact contribution when the model explains. */
  | { readonly kind: 'similar-to'; readonly itemId: string; readonly title: string; readonly weight?: number }
  /** Detail surface without a model: shares these genres with the item. */
  | { readonly kind: 'shares-genre'; readonly itemId: string; readonly genreIds: readonly string[] }
  /** Placed by the popularity ordering: `viewers` distinct viewers interacted with it. */
  | { readonly kind: 'popular'; readonly viewers: number; readonly basis: PopularityBasis }
  /** The model scored it, but cannot say which history items made the score. */
  | { readonly kind: 'model-score'; readonly algorithm: string }
  /**
   * A reranker put it on the list: its place in the candidate pool (0-based) was below the list, so
   * relevance alone would not have shown it. `diversity-pick`: its genres differ from the items above it;
   * `calibration-pick`: it brings the list's genre mix closer to the viewer's; `long-tail-pick`: a less
   * popular title; `rotation-pick`: about as relevant as what it replaced and shown less so far;
   * `fair-exposure-boost`: its creators are in the under-represented group the policy gives a minimum
   * share of attention.
   */
  | {
      readonly kind:
        'diversity-pick' | 'calibration-pick' | 'long-tail-pick' | 'rotation-pick' | 'fair-exposure-boost';
      readonly candidateRank: number;
    }
  /** "Something new for you": the exploration slot's pick, from genres outside the viewer's usual ones. */
  | {
      readonly kind: 'exploration-pick';
      readonly candidateRank: number;
      readonly genreIds: readonly string[];
    };

export type ReasonKind = Reason['kind'];

/** What put an item on the slate. */
export type ItemOrigin = 'model' | 'popularity';

export interface SlateItem {
  /** The item's column in the serving catalog (and, below `scoredColumns`, in the model). */
  readonly column: number;
  readonly itemId: string;
  /** Model score, or distinct viewers for popularity picks. */
  readonly score: number;
  readonly origin: ItemOrigin;
  /** 0-based place in the candidate pool, kept through filters and rerankers. */
  readonly candidateRank: number;
  readonly reasons: readonly Reason[];
  /** In [0, 1], set by the explanations stage (see there for what it means). */
  readonly confidence?: number;
}

export interface CandidatesChange {
  readonly source: 'model' | 'popularity';
  /** Why popularity was used; null when the model scored. */
  readonly basis: PopularityBasis | null;
  /** The model that produced the candidates (`popularity:catalog` for the popularity ordering). */
  readonly modelId: string;
  readonly algorithm: string;
  /** History items the model scored from (0 for popularity; 1 on the detail surface). */
  readonly historyItems: number;
  /** Pool size asked for, and how many candidates were added. */
  readonly poolSize: number;
  readonly added: number;
  /** Whether eligible items were left out of the pool because it was full. */
  readonly truncated: boolean;
  /** Items the candidates were the best of (the catalog percentile's denominator). */
  readonly eligible: number;
  /** Detail surface: the item the page is about, never its own candidate. */
  readonly anchorItemId: string | null;
}

/** What a reranker stage did (its reranker's own figures are in `detail`). */
export interface RerankChange {
  readonly reranker: RerankerKind;
  /** The policy's parameters for it (the list length is the request's limit). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Items placed from below the list (they carry the reranker's reason), by id. */
  readonly promotedItemIds: readonly string[];
  /** Positions of the list whose item changed. */
  readonly positionsChanged: number;
  readonly detail: Readonly<Record<string, number | boolean | string | null>>;
}

export type StageTrace =
  | { readonly stage: 'candidates'; readonly changed: CandidatesChange }
  | {
      readonly stage: 'maturity-filter';
      readonly changed: {
        readonly maxAudienceLevel: number;
        readonly removed: number;
        readonly removedItemIds: readonly string[];
      };
    }
  | {
      readonly stage: 'seen-filter';
      /** Counts only: which items a viewer has seen is their personal data, and not for the record. */
      readonly changed: { readonly historyUsed: boolean; readonly removed: number };
    }
  | {
      readonly stage: 'dismissed-filter';
      /** Counts only: what a viewer turned down is their personal data. */
      readonly changed: { readonly removed: number };
    }
  | {
      readonly stage: 'safety-filter';
      /** Items held by the safety gateway's curator queue, removed from the list. */
      readonly changed: { readonly removed: number; readonly removedItemIds: readonly string[] };
    }
  | { readonly stage: 'rerank'; readonly changed: RerankChange }
  | { readonly stage: 'truncate'; readonly changed: { readonly limit: number; readonly removed: number } }
  | {
      readonly stage: 'explanations';
      readonly changed: {
        readonly explained: number;
        readonly reasons: Readonly<Partial<Record<ReasonKind, number>>>;
        readonly confidence: 'catalog-rank-percentile';
      };
    };

export type StageName = StageTrace['stage'];

export interface Slate {
  readonly items: readonly SlateItem[];
  readonly trace: readonly StageTrace[];
}

export const EMPTY_SLATE: Slate = Object.freeze({ items: [], trace: [] });

/** The slate after a stage: its items, and the previous trace with the stage's entry added. */
export function nextSlate(slate: Slate, items: readonly SlateItem[], trace: StageTrace): Slate {
  return { items, trace: [...slate.trace, trace] };
}

/** The trace entry of a stage, narrowed to its type. */
export function traceOf<S extends StageName>(
  slate: Pick<Slate, 'trace'>,
  stage: S,
): Extract<StageTrace, { stage: S }> | undefined {
  return slate.trace.find((entry): entry is Extract<StageTrace, { stage: S }> => entry.stage === stage);
}
