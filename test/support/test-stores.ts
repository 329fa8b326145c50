import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.js';

export interface TestStore {
  store: Store;
  /** The data folder the store lives in (SQLite) or a scratch folder (PostgreSQL). */
  dataDir: string;
  /** Closes the store and removes its database. */
  dispose(): Promise<void>;
}

export type TestStoreFactory = () => Promise<TestStore>;

export const postgresTestUrl = process.env.CANDOR_TEST_POSTGRES_URL;

export async function sqliteTestStore(): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-test-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    dataDir: dir,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway database on a PostgreSQL server: its URL, and `drop()` to remove it (connections and all). */
export async function throwawayPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh database on the PostgreSQL server named by CANDOR_TEST_POSTGRES_URL, dropped afterwards. */
export async function postgresTestStore(): Promise<TestStore> {
  if (!postgresTestUrl) throw new Error('CANDOR_TEST_POSTGRES_URL is not set');
  const database = await throwawayPostgresDatabase(postgresTestUrl, 'candor_t');
  const dataDir = mkdtempSync(join(tmpdir(), 'candor-pg-test-'));
  const store = await openStore({ dataDir, databaseUrl: database.url });
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/** The dialects the store suites run on: SQLite always, PostgreSQL when a server is configured. */
export const storeFactories: [string, TestStoreFactory][] = [
  ['sqlite', sqliteTestStore],
  ...(postgresTestUrl ? ([['postgres', postgresTestStore]] as [string, TestStoreFactory][]) : []),
];
