import type { InteractionMatrix } from '../../models/interaction-matrix.js';

/**
 * What a model is fitted on and what it is judged against. Test items are a matrix too: user u's test
 * set is row u of `test` (ascending, distinct item indices); a user with an empty row has no test item
 * and is skipped by the metrics. Every event of the source lands in exactly one of train, test and
 * foldIn, with the values of repeated (user, item) pairs summed.
 */
export interface EvaluationSplit {
  readonly train: InteractionMatrix;
  readonly test: InteractionMatrix;
  /**
   * Strong generalization only: the history a held-out user is scored from (and whose items are
   * removed from their list). Absent: users are scored from their train row.
   */
  readonly foldIn?: InteractionMatrix;
}

/** A split where some users are held out of training entirely. */
export interface StrongGeneralizationSplit extends EvaluationSplit {
  readonly foldIn: InteractionMatrix;
  /** The held-out users, ascending; their train rows are empty. */
  readonly heldOutUsers: Int32Array;
}

/** The matrix a user's scoring history comes from: the fold-in row when the split has one, else train. */
export function historyMatrixOf(split: EvaluationSplit, user: number): InteractionMatrix {
  const foldIn = split.foldIn;
  if (foldIn && (foldIn.rowStart[user + 1] as number) > (foldIn.rowStart[user] as number)) return foldIn;
  return split.train;
}
