import { parentPort, workerData } from 'node:worker_threads';
import type { EaseWorkerData, EaseWorkerMessage } from './ease-messages.js';
import { solveEase } from './ease-solve.js';

/** Runs the dense EASE solve off the main thread and transfers the weights back. */
const data = workerData as EaseWorkerData;
const port = parentPort;
if (!port) throw new Error('ease-worker must run in a worker thread');
const post = (message: EaseWorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

try {
  const { b, p } = solveEase(data, data.lambda, (fraction, phase) =>
    post({ type: 'progress', fraction, phase }),
  );
  post({ type: 'done', b, p }, [b.buffer as ArrayBuffer, p.buffer as ArrayBuffer]);
} catch (error) {
  post({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
}
