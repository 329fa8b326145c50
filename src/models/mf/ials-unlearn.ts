import { type InteractionMatrix, type ItemHistory, historyOf } from '../interaction-matrix.js';
import { gramOf } from './dense-linear-algebra.js';
import type { IalsSharedState } from './ials-messages.js';
import type { IalsParams } from './ials-params.js';
import { runIalsCommand } from './ials-step.js';
import { prepareTrainingData } from './ials-training-data.js';

/** Viewers folded in between two yields to the event loop. */
const FOLD_IN_BATCH = 512;

/**
 * New item factors after viewers left the training matrix: one item half-step of ALS over `remaining`
 * (which no longer holds them), warm-started from the current factors. The viewer factors are not
 * stored, so each remaining viewer's is first solved exactly from the current item factors by the
 * scorer's own fold-in (what the training's last viewer half-step would give); then every item row is
 * solved with the same conjugate-gradient step as in training. Bounded, not exact: the forgotten viewers
 * still shaped the factors this starts from, so a full retrain should follow.
 */
export async function refreshItemFactors(
  itemFactors: Float32Array,
  userFactor: (history: ItemHistory) => Float64Array,
  remaining: InteractionMatrix,
  params: IalsParams,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const f = params.factors;
  const { nUsers, nItems } = remaining;
  const userFactors = new Float32Array(nUsers * f);
  for (let u = 0; u < nUsers; u += 1) {
    if (u % FOLD_IN_BATCH === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
    userFactors.set(userFactor(historyOf(remaining, u)), u * f);
  }
  const data = prepareTrainingData(remaining, params, false);
  const state: IalsSharedState = {
    factors: f,
    regularization: params.regularization,
    cgSteps: params.cgSteps,
    nUsers,
    nItems,
    byUser: data.byUser,
    byItem: data.byItem,
    userFactors,
    itemFactors: itemFactors.slice(),
    gram: gramOf(userFactors, nUsers, f),
  };
  runIalsCommand(state, { type: 'solve', side: 'items', from: 0, to: nItems });
  return state.itemFactors;
}
