import type { z } from 'zod';
import type { InteractionMatrix, ItemHistory } from './interaction-matrix.js';

/** How much one history item added to an item's score. */
export interface Contribution {
  item: number;
  weight: number;
}

export type WeightArrays = Record<string, Float32Array | Float64Array | Int32Array>;

/** A fitted model: scores any history, and explains where that is exact. Scoring never trains. */
export interface Scorer {
  readonly algorithm: string;
  readonly nItems: number;
  /**
   * Scores every item for a history (typically a viewer's training items). Items in the history are
   * scored too; callers remove what they must not recommend. Writes into `out` when given.
   */
  score(history: ItemHistory, out?: Float32Array): Float32Array;
  /**
   * Additive contributions of history items to one item's score, for models linear in the history
   * (item-kNN, EASE): score(history, item) = bias + sum of the weights. Absent where no exact
   * decomposition exists.
   */
  explain?(history: ItemHistory, item: number): Contribution[];
  /** The arrays that make up the model, for its artifact. */
  weights(): WeightArrays;
  /**
   * Removes the influence of some training viewers (right to be forgotten) without refitting. `rows`
   * are their rows exactly as in the training matrix (items ascending and distinct, `weights` the
   * matrix values). Returns a new scorer; this one is never changed, since it may be serving requests.
   * Absent where the model cannot unlearn: the caller then schedules a refit.
   */
  forget?(rows: readonly ItemHistory[], context?: ForgetContext): Promise<Unlearned>;
}

export interface ForgetContext {
  /**
   * The training matrix without the forgotten viewers, for algorithms that cannot unlearn from their
   * own statistics (ALS). Same item indexing.
   */
  remaining?: () => Promise<InteractionMatrix>;
  signal?: AbortSignal;
}

/** What `Scorer.forget` produced, and how far it can be trusted. */
export interface Unlearned {
  /** A new scorer; the original is never mutated (it may be serving requests). */
  scorer: Scorer;
  /** True when equal to a refit without the viewers (up to float rounding). */
  exact: boolean;
  /** Short description of what was done, e.g. 'sherman-morrison downdate of P'. */
  method: string;
  /** What remains to be done, e.g. 'full retrain recommended' (ALS). */
  followUp?: string;
}

export interface FitContext {
  /** Reports progress from 0 to 1 with a short phase name. */
  progress?(fraction: number, phase: string): void;
  signal?: AbortSignal;
}

/**
 * An algorithm: its parameters (a strict zod schema with defaults and a description per field), how to
 * fit it, and how to rebuild a fitted model from its artifact's arrays.
 */
export interface Algorithm<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly paramsSchema: Schema;
  fit(matrix: InteractionMatrix, params: z.output<Schema>, context?: FitContext): Promise<Scorer>;
  load(
    arrays: ReadonlyMap<string, Float32Array | Float64Array | Int32Array>,
    params: z.output<Schema>,
    nItems: number,
  ): Scorer;
}
