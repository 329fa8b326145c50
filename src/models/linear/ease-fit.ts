import type { InteractionMatrix } from '../interaction-matrix.js';
import type { FitContext } from '../recommender.js';
import { startWorker } from '../../worker/worker-url.js';
import type { EaseWorkerData, EaseWorkerMessage } from './ease-messages.js';
import { type EaseWeights, assertEaseFits } from './ease-solve.js';

/**
 * Runs the EASE solve in a worker thread: the matrix's rows go over as transferred copies, progress
 * comes back as it is made, and the weights come back transferred. Aborting the signal stops the worker.
 */
export function solveEaseInWorker(
  matrix: InteractionMatrix,
  lambda: number,
  context: FitContext = {},
): Promise<EaseWeights> {
  assertEaseFits(matrix.nItems);
  const { signal, progress } = context;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const rowStart = matrix.rowStart.slice();
  const itemIndex = matrix.itemIndex.slice();
  const workerData: EaseWorkerData = { nItems: matrix.nItems, rowStart, itemIndex, lambda };
  const worker = startWorker(import.meta.url, 'ease-worker', {
    workerData,
    transferList: [rowStart.buffer, itemIndex.buffer],
  });
  return new Promise<EaseWeights>((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      finish();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: EaseWorkerMessage) => {
      if (settled) return;
      if (message.type === 'progress') progress?.(message.fraction, message.phase);
      else if (message.type === 'done') settle(() => resolve({ b: message.b, p: message.p }));
      else settle(() => reject(new Error(`EASE fit failed: ${message.message}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the EASE worker stopped (exit code ${code})`))),
    );
  });
}
