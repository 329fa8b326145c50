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
