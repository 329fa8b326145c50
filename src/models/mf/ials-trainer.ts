import { availableParallelism } from 'node:os';
import type { InteractionMatrix } from '../interaction-matrix.js';
import type { FitContext } from '../recommender.js';
import { mirrorUpper, triangleSplit } from './dense-linear-algebra.js';
import { rowSplit } from './ials-conjugate-gradient.js';
import type { IalsCommand, IalsSharedState, IalsSide } from './ials-messages.js';
import type { IalsParams } from './ials-params.js';
import { allocate, prepareTrainingData } from './ials-training-data.js';
import { inlineExecutor, workerExecutor } from './ials-worker-pool.js';
import { mulberry32 } from '../../random/seeded-random.js';

/** Trained factor matrices, row-major with `params.factors` columns, and the Gram matrix of the items. */
export interface IalsFactors {
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  /** YᵀY of the final item factors (f x f), which fold-in and explanations start from. */
  readonly itemGram: Float64Array;
}

export interface TrainIalsOptions extends FitContext {
  /**
   * Worker threads; 0 trains on the calling thread. Rows are independent and Gram entries are summed in
   * the same order whatever the split, so the result is the same bits for any number of threads.
   */
  threads?: number;
}

/** Below this many interactions a fit takes milliseconds, less than starting a worker. */
const WORKER_FROM = 20_000;
/** Below this many, one worker finishes before a second one has started. */
const PARALLEL_FROM = 200_000;

/** The calling thread for tiny problems, one worker for small ones, otherwise up to two. */
export function defaultThreads(interactions: number): number {
  if (interactions < WORKER_FROM) return 0;
  return interactions < PARALLEL_FROM ? 1 : Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * Implicit ALS (Hu, Koren and Volinsky 2008) with conjugate-gradient row solves: alternately solves every
 * viewer row with the items fixed, then every item row with the viewers fixed. Each half-sweep first
 * computes the fixed side's Gram matrix, then solves the rows; both are split over the threads.
 */
export async function trainIals(
  matrix: InteractionMatrix,
  params: IalsParams,
  options: TrainIalsOptions = {},
): Promise<IalsFactors> {
  const threads = options.threads ?? defaultThreads(matrix.itemIndex.length);
  const shared = threads > 0;
  const f = params.factors;
  options.progress?.(0, 'prepare');
  const data = prepareTrainingData(matrix, params, shared);
  const state: IalsSharedState = {
    factors: f,
    regularization: params.regularization,
    cgSteps: params.cgSteps,
    nUsers: matrix.nUsers,
    nItems: matrix.nItems,
    byUser: data.byUser,
    byItem: data.byItem,
    userFactors: allocate(Float32Array, matrix.nUsers * f, shared),
    itemFactors: allocate(Float32Array, matrix.nItems * f, shared),
    gram: allocate(Float64Array, f * f, shared),
  };
  initialiseFactors(state.userFactors, state.itemFactors, f, params.seed);

  const executor = shared ? workerExecutor(state, threads, options.signal) : inlineExecutor(state);
  try {
    const parts = executor.threads;
    const rowBounds = {
      users: rowSplit(data.byUser.rowStart, f, parts),
      items: rowSplit(data.byItem.rowStart, f, parts),
    };
    const gramBounds = triangleSplit(f, parts);
    const step = async (type: IalsCommand['type'], side: IalsSide) => {
      options.signal?.throwIfAborted();
      const bounds = type === 'gram' ? gramBounds : rowBounds[side];
      const commands: IalsCommand[] = [];
      for (let t = 0; t < parts; t += 1) {
        commands.push({ type, side, from: bounds[t] as number, to: bounds[t + 1] as number });
      }
      await executor.run(commands);
      if (type === 'gram') mirrorUpper(state.gram, f);
    };

    for (let iteration = 0; iteration < params.iterations; iteration += 1) {
      await step('gram', 'items');
      await step('solve', 'users');
      options.progress?.((2 * iteration + 1) / (2 * params.iterations), 'user factors');
      await step('gram', 'users');
      await step('solve', 'items');
      options.progress?.((2 * iteration + 2) / (2 * params.iterations), 'item factors');
    }
    await step('gram', 'items');
    // Copies on plain ArrayBuffers: the shared memory goes with the threads.
    return {
      userFactors: state.userFactors.slice(),
      itemFactors: state.itemFactors.slice(),
      itemGram: state.gram.slice(),
    };
  } finally {
    await executor.close();
  }
}

/**
 * Seeded start: every entry uniform with standard deviation 0.1/√f (as in Rendle et al. 2022), users
 * first, then items, from one mulberry32 stream.
 */
function initialiseFactors(users: Float32Array, items: Float32Array, f: number, seed: number): void {
  const random = mulberry32(seed);
  const half = (0.1 * Math.sqrt(3)) / Math.sqrt(f);
  for (let i = 0; i < users.length; i += 1) users[i] = (2 * random() - 1) * half;
  for (let i = 0; i < items.length; i += 1) items[i] = (2 * random() - 1) * half;
}
