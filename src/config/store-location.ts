import type { StoreLocation } from '../store/open-store.js';
import type { Config } from './config-schema.js';

/** Where the store is and which master keys unlock its personal fields, as the config says. */
export const storeLocationOf = (config: Config): StoreLocation => ({
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  masterKeyFile: config.masterKeyFile,
  previousMasterKeyFiles: config.previousMasterKeyFiles,
});
