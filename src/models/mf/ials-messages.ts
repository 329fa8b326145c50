import type { ConfidenceRows } from './ials-conjugate-gradient.js';

/** Which factor matrix a step works on. */
export type IalsSide = 'users' | 'items';

/** Everything a training thread shares with the others (typed arrays over SharedArrayBuffers). */
export interface IalsSharedState {
  readonly factors: number;
  readonly regularization: number;
  readonly cgSteps: number;
  readonly nUsers: number;
  readonly nItems: number;
  readonly byUser: ConfidenceRows;
  readonly byItem: ConfidenceRows;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  /** The Gram matrix of whichever side is held fixed in the current half-sweep. */
  readonly gram: Float64Array;
}

/**
 * One piece of a step. `gram`: output rows `from .. to` of the upper triangle of the side's Gram matrix
 * (the coordinator mirrors it once every piece is done). `solve`: rows `from .. to` of the side, with the
 * other side fixed and its Gram matrix in `gram`.
 */
export interface IalsCommand {
  readonly type: 'gram' | 'solve';
  readonly side: IalsSide;
  readonly from: number;
  readonly to: number;
}

export type IalsReply = { readonly type: 'done' } | { readonly type: 'error'; readonly message: string };
