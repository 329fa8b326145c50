import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config-schema.js';
import { openStore, type Store } from '../store/open-store.js';
import { VERSION } from '../version.js';
import { buildApi } from './build-app.js';
import { ServingModel } from './serving-model.js';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  serving: ServingModel;
  url: string;
  /** Stops accepting, lets requests in flight finish (up to the grace period), closes the store. */
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  let app: FastifyInstance;
  const serving = new ServingModel(config.dataDir);
  try {
    serving.reload();
    app = (await buildApi({ config, store, version: VERSION, serving })).app as unknown as FastifyInstance;
    await app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await store.close();
    throw error;
  }
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
        const timer = setTimeout(() => app.server.closeAllConnections(), config.server.shutdownGraceMs);
        try {
          await app.close();
        } finally {
          clearTimeout(timer);
          await store.close();
        }
      })();
      return closing;
    },
  };
}

/** Closes the server on SIGINT/SIGTERM; a second signal exits at once. */
export function closeOnSignals(server: RunningServer, onClosed: () => void = () => process.exit(0)): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    server.app.log.info({ signal }, 'shutting down');
    server.close().then(onClosed, (error: unknown) => {
      server.app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
