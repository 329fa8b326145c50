import { storeLocationOf } from '../config/store-location.js';
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config/config-schema.js';
import { modelsDir, readAliases } from '../models/model-artifact.js';
import { openStore, type Store } from '../store/open-store.js';
import { VERSION } from '../version.js';
import { readPolicyFile } from '../config/load-policy.js';
import type { ApiContext } from './api-context.js';
import { buildApi } from './build-app.js';
import { ServingModel } from './serving-model.js';

/** The response header naming the cluster worker that answered (only in cluster mode). */
export const WORKER_HEADER = 'x-candor-worker';

/** How often the server looks at `models/aliases.json` for a production model set by another process. */
export const ALIAS_POLL_MS = 2000;

/** How often the background thread checkpoints the SQLite write-ahead log into the database file. */
export const WAL_CHECKPOINT_MS = 500;

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  serving: ServingModel;
  url: string;
  /** Stops accepting, lets requests in flight finish (up to the grace period), closes the store. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  /**
   * The cluster worker's id (1, 2, ...; a restarted worker gets a new one). When set, every response
   * carries it in the `x-candor-worker` header: the worker's number, not its process id.
   */
  workerId?: number | undefined;
  /** Polling interval for the production alias, in ms (default 2 s). */
  aliasPollMs?: number | undefined;
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const store = await openStore(storeLocationOf(config));
  let app: FastifyInstance;
  let livePolicy: ApiContext['livePolicy'];
  let policyFile: string;
  let stopCheckpoints: () => Promise<void> = async () => {};
  const serving = new ServingModel(config.dataDir);
  try {
    serving.reload();
    const built = await buildApi({ config, store, version: VERSION, serving });
    app = built.app as unknown as FastifyInstance;
    livePolicy = built.context.livePolicy;
    policyFile = built.context.policyFile;
    stopCheckpoints = await checkpointInBackground(store, app.log);
    if (options.workerId !== undefined) {
      const worker = String(options.workerId);
      app.addHook('onRequest', (_request, reply, done) => {
        reply.header(WORKER_HEADER, worker);
        done();
      });
    }
    await app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await stopCheckpoints();
    await store.close();
    throw error;
  }
  const stopWatching = followProductionAlias(
    config.dataDir,
    serving,
    app.log,
    options.aliasPollMs ?? ALIAS_POLL_MS,
  );
  const stopFollowingPolicy = followPolicyFile(
    policyFile,
    livePolicy,
    app.log,
    options.aliasPollMs ?? ALIAS_POLL_MS,
  );
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    serving,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        stopWatching();
        stopFollowingPolicy();
        const timer = setTimeout(() => app.server.closeAllConnections(), config.server.shutdownGraceMs);
        try {
          await app.close();
        } finally {
          clearTimeout(timer);
          await stopCheckpoints();
          await store.close();
        }
      })();
      return closing;
    },
  };
}

const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite moves the write-ahead log into the database file (a checkpoint, with an fsync) inside whichever
 * commit crosses 1,000 log pages: on the server's one connection, a synchronous one, that stalls the
 * event loop every few dozen group commits (measured on GET /v1/recommendations: commits up to 66-143 ms,
 * p99 82 ms at 550 req/s; with the thread: commits at most ~5 ms, p99 24 ms; in cluster mode, 2.1x the
 * requests per second). So the server turns the automatic checkpoint off for its connection and a worker
 * thread with a connection of its own runs a PASSIVE checkpoint (it never waits for readers or writers)
 * every 500 ms. Durability is unchanged: a commit is durable once it is in the log, checkpointed or not.
 * (This belongs in the SQLite dialect; it lives here because only a long-running server needs it.)
 * Returns the function that stops the thread after a last checkpoint.
 */
async function checkpointInBackground(store: Store, log: FastifyBaseLogger): Promise<() => Promise<void>> {
  const file = store.dialect.databaseFile();
  if (!file) return async () => {};
  await sql`pragma wal_autocheckpoint = 0`.execute(store.db);
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: WAL_CHECKPOINT_MS,
    },
  });
  worker.unref();
  let failed = false;
  worker.on('message', (message: { error?: string }) => {
    if (message.error) log.warn({ error: message.error }, 'background WAL checkpoint failed');
  });
  worker.on('error', (error) => {
    failed = true;
    log.error({ err: error }, 'the WAL checkpoint thread stopped; checkpoints go back into commits');
    void sql`pragma wal_autocheckpoint = 1000`.execute(store.db).catch(() => {});
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return async () => {
    // Held open until the last checkpoint is done (unref'd, the thread would not keep the process up).
    worker.ref();
    if (!failed) worker.postMessage('stop');
    await exited;
  };
}

/**
 * Another process (a cluster sibling answering PUT /v1/admin/models/production, or `candor train
 * --production`) may point the production alias at another model. The alias file is replaced by a
 * rename, so polling its stat (unref'd: it never keeps the process alive) sees every change; the model
 * is reloaded only when the production id differs from the one served. A model that fails to load is
 * logged and the current one kept.
 */
function followProductionAlias(
  dataDir: string,
  serving: ServingModel,
  log: FastifyBaseLogger,
  intervalMs: number,
): () => void {
  const file = join(modelsDir(dataDir), 'aliases.json');
  const listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino) return;
    try {
      const production = readAliases(dataDir).production;
      if (production === serving.model?.manifest.id) return;
      const loaded = serving.reload();
      log.info({ modelId: loaded?.manifest.id ?? null }, 'production model changed on disk; now serving it');
    } catch (error) {
      log.error({ err: error }, 'could not load the new production model; still serving the previous one');
    }
  };
  watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}

/**
 * A cluster sibling that took a policy change through the API wrote the policy file (by rename); this
 * process follows it the same way it follows the production alias. An invalid or inapplicable file is
 * logged and the current policy kept.
 */
function followPolicyFile(
  file: string,
  live: ApiContext['livePolicy'],
  log: FastifyBaseLogger,
  intervalMs: number,
): () => void {
  const listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.ino === previous.ino) return;
    if (current.nlink === 0 && current.mtimeMs === 0) return;
    try {
      const next = readPolicyFile(file);
      if (next.version === live.version) return;
      live.swap(next);
      log.info({ policyVersion: next.version }, 'policy changed on disk; now serving it');
    } catch (error) {
      log.error({ err: error }, 'could not apply the policy file; still serving the previous policy');
    }
  };
  watchFile(file, { interval: intervalMs, persistent: false }, listener);
  return () => unwatchFile(file, listener);
}

/**
 * Closes the server on SIGINT/SIGTERM; a second signal exits at once. Returns a function that starts
 * the same graceful shutdown without a signal (a cluster worker told to stop by its primary); calling it
 * again, or a signal after it, does not start a second one.
 */
export function closeOnSignals(
  server: RunningServer,
  onClosed: () => void = () => process.exit(0),
): (reason?: string) => void {
  let shuttingDown = false;
  let signalled = false;
  const shutdown = (reason = 'requested') => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.app.log.info({ reason }, 'shutting down');
    server.close().then(onClosed, (error: unknown) => {
      server.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    shutdown(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return shutdown;
}
