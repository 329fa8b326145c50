import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSyntheticParams, writeSyntheticDataset } from '../../src/catalog/synthetic/index.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { runImport } from '../../src/import/import-runner.js';
import { openImportSource } from '../../src/import/open-import-source.js';
import { loadOrCreateSecret } from '../../src/privacy/secret-file.js';
import { AuthService } from '../../src/server/auth/auth-service.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { hashIdempotencyKey } from '../../src/store/repositories/interaction-repository.js';
import { tempDir } from '../support/dataset-fixtures.js';
import { spawnJsonChild } from '../support/json-child.js';
import { postgresTestUrl, throwawayPostgresDatabase } from '../support/test-stores.js';
import { TEST_IMPORT_CONSENT } from '../support/consent.js';

/**
 * Acknowledged means durable: `candor serve` runs as a child process while several clients stream
 * POST /v1/events batches at it; it is killed with SIGKILL mid-stream (no shutdown of any kind), started
 * again on the same data, and the store must hold every event of every acknowledged batch, and of every
 * batch either all events or none. The audit chain must still verify.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'src', 'cli', 'bin.ts');
const CLIENTS = 6;
/** SIGKILL once this many batches are acknowledged (the clients keep sending until then and after). */
const ACKED_BEFORE_KILL = 300;

interface Served {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output(): string;
}

/** Starts `candor serve` (the TypeScript sources through tsx) in its own process group. */
async function serve(dataDir: string, env: Record<string, string>, args: string[] = []): Promise<Served> {
  const served = spawnJsonChild(
    ['--import', 'tsx', BIN, '--json', '--data-dir', dataDir, 'serve', '--port', '0', ...args],
    { cwd: ROOT, env: { CANDOR_LOG_LEVEL: 'warn', ...env }, detached: true },
  );
  const url = (await served.firstLine).url as string;
  return { child: served.child, url, exited: served.exited.then(({ code }) => code), output: served.stderr };
}

/** Kills the whole process group (the primary and any cluster workers) with SIGKILL. */
function killGroup(served: Served): void {
  try {
    process.kill(-(served.child.pid as number), 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

interface Prepared {
  dataDir: string;
  env: Record<string, string>;
  apiKey: string;
  subjectIds: string[];
  itemIds: string[];
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

async function prepare(database: 'sqlite' | 'postgres'): Promise<Prepared> {
  const dataDir = tempDir('candor-durability-');
  const env: Record<string, string> = {};
  let drop = async () => {};
  if (database === 'postgres') {
    const throwaway = await throwawayPostgresDatabase(postgresTestUrl as string, 'candor_dur');
    env.CANDOR_DATABASE_URL = throwaway.url;
    drop = throwaway.drop;
  }
  const open = () => openStore({ dataDir, databaseUrl: env.CANDOR_DATABASE_URL });
  const store = await open();
  try {
    const dataset = tempDir('candor-durability-data-');
    await writeSyntheticDataset(dataset, parseSyntheticParams({ items: 80, viewers: 12, seed: 5 }));
    await runImport(store, await openImportSource(dataset), { consent: TEST_IMPORT_CONSENT });
    rmSync(dataset, { recursive: true, force: true });
    const auth = new AuthService(store, loadOrCreateSecret(dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET'), {
      sessionTtlSeconds: 3600,
      bearerTtlSeconds: 900,
    });
    const { key } = await auth.createApiKey({ name: 'event loader', roles: ['service'], createdBy: 'test' });
    const subjects = await store.db.selectFrom('subjects').select('id').orderBy('key').execute();
    const items = await store.db.selectFrom('items').select('id').orderBy('key').execute();
    return {
      dataDir,
      env,
      apiKey: key,
      subjectIds: subjects.map((s) => s.id),
      itemIds: items.map((i) => i.id),
      open,
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
        await drop();
      },
    };
  } finally {
    await store.close();
  }
}

interface SentBatch {
  subjectId: string;
  keys: string[];
  outcome: 'acknowledged' | 'refused' | 'no-answer';
  status?: number;
  detail?: string;
}

/** Streams batches from CLIENTS concurrent clients until `stop()`; every batch and its outcome is kept. */
function streamEvents(url: string, prepared: Prepared, run: string) {
  const batches: SentBatch[] = [];
  let stopped = false;
  let acknowledged = 0;
  const client = async (c: number) => {
    const subjectId = prepared.subjectIds[c % prepared.subjectIds.length] as string;
    for (let b = 0; !stopped; b += 1) {
      const size = 1 + ((b * 7 + c * 3) % 20);
      const keys = Array.from({ length: size }, (_, e) => `${run}-client-${c}-batch-${b}-event-${e}`);
      const batch: SentBatch = { subjectId, keys, outcome: 'no-answer' };
      batches.push(batch);
      const events = keys.map((idempotencyKey, e) => ({
        idempotencyKey,
        itemId: prepared.itemIds[(b * 13 + e * 5 + c) % prepared.itemIds.length],
        kind: e % 3 === 0 ? 'rating' : 'view',
        value: e % 3 === 0 ? 4 : null,
      }));
      try {
        const response = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${prepared.apiKey}`,
            'candor-subject': subjectId,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ events }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = await response.text();
        batch.status = response.status;
        if (response.status !== 200) batch.detail = body.slice(0, 300);
        batch.outcome = response.status === 200 ? 'acknowledged' : 'refused';
        if (response.status === 200) acknowledged += 1;
      } catch {
        // The server died with the request in flight: it may or may not have been committed.
        return;
      }
    }
  };
  const running = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  return {
    batches,
    acknowledged: () => acknowledged,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

async function storedKeys(store: Store, batches: SentBatch[]): Promise<Set<string>> {
  const hashes = batches.flatMap((b) => b.keys.map((k) => hashIdempotencyKey(`subject:${b.subjectId}:${k}`)));
  const present = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await store.db
      .selectFrom('interactions')
      .select('idempotency_key')
      .where('idempotency_key', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const row of rows) present.add(row.idempotency_key);
  }
  return present;
}

interface Case {
  name: string;
  database: 'sqlite' | 'postgres';
  args: string[];
}

const cases: Case[] = [
  { name: 'sqlite, one process', database: 'sqlite', args: [] },
  {
    name: 'sqlite, two cluster workers',
    database: 'sqlite',
    args: ['--workers', '2'],
  },
  ...(postgresTestUrl
    ? [
        { name: 'postgres, one process', database: 'postgres' as const, args: [] },
        { name: 'postgres, two cluster workers', database: 'postgres' as const, args: ['--workers', '2'] },
      ]
    : []),
];

describe('acknowledged events survive SIGKILL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it.each(cases)(
    '$name: every acknowledged batch is stored whole, every batch whole or not at all',
    async ({ database, args }) => {
      const prepared = await prepare(database);
      cleanups.push(() => prepared.dispose());
      const first = await serve(prepared.dataDir, prepared.env, args);
      cleanups.push(async () => killGroup(first));
      const stream = streamEvents(first.url, prepared, 'first');
      const deadline = Date.now() + 20_000;
      while (stream.acknowledged() < ACKED_BEFORE_KILL && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      killGroup(first);
      // The clients keep sending until the server is gone, so the kill always lands mid-stream (stopping
      // them first could let every request in flight be answered before the kill took effect).
      await first.exited;
      await stream.stop();

      const batches = stream.batches;
      const acknowledged = batches.filter((b) => b.outcome === 'acknowledged');
      const refused = batches.filter((b) => b.outcome === 'refused');
      // Nothing was refused while the server ran: no busy database, no lost lock (the events
      // transaction takes the write lock before it reads, see StoreDialect.lockForWrite).
      expect(
        refused.map((b) => `${b.status}: ${b.detail}`),
        first.output(),
      ).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKED_BEFORE_KILL);

      // Started again on the same data: it recovers and takes new events.
      const second = await serve(prepared.dataDir, prepared.env, args);
      cleanups.push(async () => killGroup(second));
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      const after = streamEvents(second.url, prepared, 'second');
      while (after.acknowledged() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      await after.stop();
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      const store = await prepared.open();
      try {
        const present = await storedKeys(store, batches);
        const isPresent = (b: SentBatch) =>
          b.keys.map((k) => present.has(hashIdempotencyKey(`subject:${b.subjectId}:${k}`)));
        const lostAcknowledged = acknowledged.filter((b) => !isPresent(b).every(Boolean));
        expect(lostAcknowledged).toEqual([]);
        const torn = batches.filter((b) => new Set(isPresent(b)).size > 1);
        expect(torn).toEqual([]);
        const inFlight = batches.filter((b) => b.outcome === 'no-answer');
        // The kill did land mid-stream: requests were in flight (committed or not, never torn).
        expect(inFlight.length).toBeGreaterThan(0);
        const verification = await verifyAuditLog(store);
        expect(verification.ok).toBe(true);
      } finally {
        await store.close();
      }
    },
    90_000,
  );
});
