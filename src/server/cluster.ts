import { storeLocationOf } from '../config/store-location.js';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config-schema.js';
import { loadOrCreateSecret } from '../privacy/secret-file.js';
import { openStore } from '../store/open-store.js';
import { closeOnSignals, startServer } from './serve.js';

/**
 * Cluster mode (`candor serve --workers N`): a primary process that serves nothing itself forks N
 * workers, each a whole server (its own store connection, accountability writer and model copy)
 * listening on the same port; node:cluster hands the connections out round-robin. The primary
 *
 * - brings the schema up to date and creates the data folder's secrets once, before forking, so that
 *   the workers find nothing to migrate (their own migration check then only reads) and agree on one
 *   token-signing and one pseudonym secret;
 * - reports the URL once every worker listens, or fails with the first worker's start-up error;
 * - restarts a worker that crashes (non-zero exit or killed by a signal), after a delay that doubles
 *   with each crash in a row (1 s up to 30 s; the count starts over once a worker stayed up 30 s). A
 *   worker that exits cleanly (told to stop with a signal of its own) is not replaced;
 * - on SIGINT/SIGTERM tells every worker to shut down gracefully, waits for them, then exits; a second
 *   signal kills the workers at once.
 *
 * Every answer names its worker in `x-candor-worker: <cluster worker id>` (1, 2, ...; a replacement
 * gets the next number): which process answered, without the OS process id. Per-process state stays
 * per worker: rate-limit counters (a limit holds per key per worker), the /metrics registry, and the
 * loaded model (each worker polls the production alias, see serve.ts). A connection node:cluster hands
 * to a worker in the instant it dies is lost (the client times out); the others go to the live workers.
 * On SQLite the workers share one database file: every commit in one invalidates the others' page
 * cache and writers wait for each other's lock, so N workers give less than N times one process.
 */

export const WORKER_ENV = 'CANDOR_CLUSTER_WORKER';

const MESSAGE = {
  ready: 'candor:ready',
  failed: 'candor:failed',
  shutdown: 'candor:shutdown',
} as const;

type WorkerMessage =
  | { type: typeof MESSAGE.ready; url: string }
  | { type: typeof MESSAGE.failed; message: string; code?: string | undefined };

export interface ClusterOptions {
  workers: number;
  /** First restart delay after a crash, doubled for each crash in a row (default 1 s). */
  restartDelayMs?: number;
  /** Cap on the restart delay (default 30 s). */
  maxRestartDelayMs?: number;
  /** A worker that ran this long before crashing starts the back-off over (default 30 s). */
  stableAfterMs?: number;
}

export interface RunningCluster {
  url: string;
  workers: number;
  /**
   * Resolves when every worker has exited (after a signal, `close()`, or all of them ending cleanly):
   * the primary serves nothing itself, so its caller exits then.
   */
  closed: Promise<void>;
  /** Shuts every worker down gracefully (what SIGINT/SIGTERM do). */
  close(): Promise<void>;
}

/** `--workers`: a count, or `0`/`auto` for one worker per available core. */
export function resolveWorkerCount(requested: number | 'auto' | undefined): number {
  if (requested === undefined) return 1;
  if (requested === 'auto' || requested === 0) return availableParallelism();
  return requested;
}

/** Whether this process is a worker forked by `startCluster`. */
export function isClusterWorker(): boolean {
  return cluster.isWorker && process.env[WORKER_ENV] === '1';
}

/** In a worker: starts the server, reports to the primary, and shuts down when told to. */
export async function runClusterWorker(config: Config): Promise<void> {
  const send = (message: WorkerMessage) =>
    new Promise<void>((resolve) => {
      if (!process.send || !process.connected) return resolve();
      process.send(message, undefined, {}, () => resolve());
    });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, { workerId: cluster.worker?.id });
  } catch (error) {
    // The primary reports the failure once, for all workers; this worker only says what it was.
    await send({
      type: MESSAGE.failed,
      message: error instanceof Error ? error.message : String(error),
      code: (error as NodeJS.ErrnoException).code,
    });
    process.exit(1);
  }
  const shutdown = closeOnSignals(server);
  process.on('message', (message: { type?: string } | null) => {
    if (message?.type === MESSAGE.shutdown) shutdown('primary');
  });
  await send({ type: MESSAGE.ready, url: server.url });
}

/** Error with the errno-style code of the worker's start-up failure, so the CLI maps it to an exit code. */
class WorkerStartError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'WorkerStartError';
  }
}

interface Slot {
  index: number;
  worker: Worker | undefined;
  /** Whether the worker reported that it listens (and so handles the shutdown message). */
  ready: boolean;
  startedAt: number;
  crashesInARow: number;
  restartTimer: NodeJS.Timeout | undefined;
}

/** In the primary: migrates, forks the workers and supervises them. Resolves once every worker listens. */
export async function startCluster(config: Config, options: ClusterOptions): Promise<RunningCluster> {
  if (!cluster.isPrimary) throw new Error('startCluster runs in the primary process only');
  const count = options.workers;
  if (!Number.isInteger(count) || count < 1) throw new Error(`workers must be at least 1 (got ${count})`);
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  const log: Logger = pino(
    { level: config.log.level, base: { pid: process.pid, role: 'primary' } },
    process.stderr,
  );

  // Once, before any worker exists: the schema (Kysely's migrator takes its lock; on SQLite the
  // workers' own check then finds nothing pending and writes nothing) and the secrets.
  const store = await openStore(storeLocationOf(config));
  await store.close();
  loadOrCreateSecret(config.dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET');
  loadOrCreateSecret(config.dataDir, 'pseudonym', 'CANDOR_PSEUDONYM_SECRET');

  // stdout belongs to the primary's one result; workers log to the shared stderr.
  cluster.setupPrimary({ stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

  const slots: Slot[] = Array.from({ length: count }, (_, index) => ({
    index,
    worker: undefined,
    ready: false,
    startedAt: 0,
    crashesInARow: 0,
    restartTimer: undefined,
  }));
  let starting = true;
  let shuttingDown = false;
  let url = '';
  let ready = 0;
  let resolveStarted!: () => void;
  let rejectStarted!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let killTimer: NodeJS.Timeout | undefined;

  const alive = () => slots.filter((slot) => slot.worker !== undefined);
  const settleIfAllGone = () => {
    if (alive().length > 0 || slots.some((slot) => slot.restartTimer)) return;
    if (killTimer) clearTimeout(killTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    resolveClosed();
  };

  const fork = (slot: Slot) => {
    slot.restartTimer = undefined;
    const worker = cluster.fork({ [WORKER_ENV]: '1' });
    slot.worker = worker;
    slot.ready = false;
    slot.startedAt = Date.now();
    let failure: { message: string; code?: string | undefined } | undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message?.type === MESSAGE.ready) {
        slot.ready = true;
        url = message.url;
        log.debug({ worker: worker.id, workerPid: worker.process.pid }, 'worker listening');
        if (starting && ++ready === count) {
          starting = false;
          resolveStarted();
        }
      } else if (message?.type === MESSAGE.failed) {
        failure = { message: message.message, code: message.code };
      }
    });
    worker.on('exit', (code, signal) => {
      slot.worker = undefined;
      if (starting) {
        // A worker that cannot start (port taken, database unreachable) would fail again: give up.
        starting = false;
        shutdown('a worker failed to start');
        rejectStarted(
          new WorkerStartError(
            failure?.message ?? `worker ${worker.id} exited during start-up (${signal ?? `code ${code}`})`,
            failure?.code,
          ),
        );
        return;
      }
      if (shuttingDown || (code === 0 && signal === null)) {
        if (!shuttingDown) log.warn({ worker: worker.id }, 'worker exited cleanly; not replaced');
        settleIfAllGone();
        return;
      }
      const ranMs = Date.now() - slot.startedAt;
      slot.crashesInARow = ranMs >= stableAfterMs ? 1 : slot.crashesInARow + 1;
      const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** (slot.crashesInARow - 1));
      log.error(
        { worker: worker.id, workerPid: worker.process.pid, code, signal, restartInMs: delay },
        'worker died; restarting it',
      );
      slot.restartTimer = setTimeout(() => fork(slot), delay);
    });
  };

  const shutdown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down the workers');
    for (const slot of slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      slot.restartTimer = undefined;
      const worker = slot.worker;
      if (!worker) continue;
      // A worker still starting has no handler for the message yet; SIGTERM ends it either way.
      if (slot.ready && worker.isConnected()) {
        try {
          worker.send({ type: MESSAGE.shutdown });
          continue;
        } catch {
          // fall through to the signal
        }
      }
      worker.process.kill('SIGTERM');
    }
    // Workers close connections after their grace period; one that hangs past it is killed.
    killTimer = setTimeout(() => killAll('SIGKILL'), config.server.shutdownGraceMs + 5000);
    settleIfAllGone();
  };
  const killAll = (signal: NodeJS.Signals) => {
    for (const slot of slots) slot.worker?.process.kill(signal);
  };

  let signals = 0;
  function onSignal(signal: NodeJS.Signals) {
    signals += 1;
    if (signals > 1) {
      killAll('SIGKILL');
      process.exit(1);
    }
    shutdown(signal);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (const slot of slots) fork(slot);
  try {
    await started;
  } catch (error) {
    await closed;
    throw error;
  }
  return {
    url,
    workers: count,
    closed,
    close() {
      shutdown('requested');
      return closed;
    },
  };
}
