import { join } from 'node:path';
import { Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { postgresDialect } from './dialects/postgres-dialect.js';
import { sqliteDialect } from './dialects/sqlite-dialect.js';
import type { StoreDialect } from './dialects/store-dialect.js';
import { allMigrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { loadMasterKeys } from '../privacy/keyring/master-key.js';
import { SubjectKeyring } from '../privacy/keyring/subject-keyring.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Per-subject data keys: every personal field is written and read through it, never in the clear. */
  readonly keyring: SubjectKeyring;
  close(): Promise<void>;
}

export interface StoreLocation {
  /** postgres://... to use PostgreSQL; otherwise SQLite in the data folder. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The master key file (base64, 32 bytes, mode 0600); CANDOR_MASTER_KEY wins, else DATA/secrets/master.key. */
  masterKeyFile?: string | undefined;
  /** Earlier master keys still wrapping some data keys (during a rotation). */
  previousMasterKeyFiles?: readonly string[] | undefined;
}

export const SQLITE_FILE_NAME = 'candor.db';

export function dialectFor(location: StoreLocation): StoreDialect {
  const url = location.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return postgresDialect(url);
  if (url?.startsWith('sqlite:')) return sqliteDialect(url.slice('sqlite:'.length));
  if (url)
    throw new Error(`database url must start with postgres:// or sqlite: (got '${url.split(':')[0]}:...')`);
  return sqliteDialect(join(location.dataDir, SQLITE_FILE_NAME));
}

export function migratorFor(db: Kysely<Database>, dialect: StoreDialect): Migrator {
  const migrations = allMigrations(dialect);
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'candor_migration',
    migrationLockTableName: 'candor_migration_lock',
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(store: Store): Promise<MigrationResultSet> {
  const result = await migratorFor(store.db, store.dialect).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/** Opens the store and brings its schema up to date. */
export async function openStore(
  location: StoreLocation,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const masterKeys = loadMasterKeys({
    dataDir: location.dataDir,
    ...(location.masterKeyFile ? { keyFile: location.masterKeyFile } : {}),
    ...(location.previousMasterKeyFiles ? { previousKeyFiles: location.previousMasterKeyFiles } : {}),
  });
  const dialect = dialectFor(location);
  const db = new Kysely<Database>({ dialect: dialect.createKyselyDialect() });
  const keyring = new SubjectKeyring(db, dialect, masterKeys);
  const store: Store = { db, dialect, keyring, close: () => db.destroy() };
  if (options.migrate ?? true) {
    try {
      await migrateToLatest(store);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return store;
}
