import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker module that sits next to the caller. Compiled code runs `name.js` as is; source code
 * (tests, `npm run candor`) runs `name.ts` by registering tsx in the worker first (tsx is then installed
 * as a dev dependency).
 */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const target = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
