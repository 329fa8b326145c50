import type { Config } from '../../config/config-schema.js';
import { type BuiltApp, buildApi } from '../../server/build-app.js';
import { openStore, type Store } from '../../store/open-store.js';
import { storeLocationOf } from '../../config/store-location.js';
import { VERSION } from '../../version.js';

/** The API under attack, listening on loopback, with the parts the attacks' setup needs. */
export interface AttackServer {
  readonly url: string;
  readonly built: BuiltApp;
  readonly store: Store;
  readonly config: Config;
  close(): Promise<void>;
}

/**
 * The real HTTP app over the disposable copy, built as `candor serve` builds it (`buildApi`, then
 * listen), kept in this process so that the route table and the auth service are at hand and so that an
 * attack that pollutes Object.prototype shows in this very process.
 */
export async function startAttackServer(config: Config): Promise<AttackServer> {
  const store = await openStore(storeLocationOf(config));
  let built: BuiltApp;
  try {
    built = await buildApi({ config, store, version: VERSION });
    await built.app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.server.port;
  return {
    url: `http://${config.server.host}:${port}`,
    built,
    store,
    config,
    async close() {
      try {
        await built.app.close();
      } finally {
        await store.close();
      }
    },
  };
}
