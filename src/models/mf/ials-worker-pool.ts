import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker/worker-url.js';
import type { IalsCommand, IalsReply, IalsSharedState } from './ials-messages.js';
import { runIalsCommand } from './ials-step.js';

/** Runs one command per thread and resolves when all are done. */
export interface IalsExecutor {
  readonly threads: number;
  run(commands: readonly IalsCommand[]): Promise<void>;
  close(): Promise<void>;
}

/** Runs every command on the calling thread, one after the other (scripts, small problems). */
export function inlineExecutor(state: IalsSharedState): IalsExecutor {
  return {
    threads: 1,
    run: async (commands) => {
      for (const command of commands) runIalsCommand(state, command);
    },
    close: async () => {},
  };
}

/** `threads` worker threads sharing the state's memory; a failure or an abort rejects the step. */
export function workerExecutor(state: IalsSharedState, threads: number, signal?: AbortSignal): IalsExecutor {
  const workers: Worker[] = [];
  const pending = new Map<Worker, { resolve: () => void; reject: (error: unknown) => void }>();
  // A thread that failed or stopped never answers again: every later step fails at once with its error.
  let broken: unknown;
  const fail = (worker: Worker, error: unknown) => {
    broken ??= error;
    const waiter = pending.get(worker);
    pending.delete(worker);
    waiter?.reject(error);
  };
  for (let t = 0; t < threads; t += 1) {
    const worker = startWorker(import.meta.url, 'ials-worker', { workerData: state });
    worker.on('message', (reply: IalsReply) => {
      if (reply.type === 'error')
        return fail(worker, new Error(`ials training thread failed: ${reply.message}`));
      const waiter = pending.get(worker);
      pending.delete(worker);
      waiter?.resolve();
    });
    worker.on('error', (error) => fail(worker, error));
    worker.on('exit', (code) =>
      fail(worker, new Error(`an ials training thread stopped (exit code ${code})`)),
    );
    workers.push(worker);
  }
  return {
    threads,
    run: (commands) => {
      if (commands.length > workers.length) {
        throw new Error(`${commands.length} commands for ${workers.length} training threads`);
      }
      if (broken !== undefined) return Promise.reject(broken);
      if (signal?.aborted) return Promise.reject(signal.reason);
      const steps = commands.map(
        (command, t) =>
          new Promise<void>((resolve, reject) => {
            const worker = workers[t] as Worker;
            pending.set(worker, { resolve, reject });
            worker.postMessage(command);
          }),
      );
      if (!signal) return Promise.all(steps).then(() => undefined);
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      return Promise.race([Promise.all(steps), aborted])
        .then(() => undefined)
        .finally(() => signal.removeEventListener('abort', onAbort));
    },
    close: async () => {
      pending.clear();
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
