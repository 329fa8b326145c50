import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/governance/audit/audit-log.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { openStore } from '../../src/store/open-store.js';
import type { Database } from '../../src/store/schema.js';
import { mulberry32 } from '../../src/random/seeded-random.js';
import { startWorker } from '../../src/worker/worker-url.js';
import { postgresTestUrl, storeFactories, type TestStore } from '../support/test-stores.js';
import type { AppendJob, AppendWorkerMessage } from './append-worker.js';

/** How a worker reaches the test's database: SQLite by file, PostgreSQL with the test server's user. */
function connectionUrl(t: TestStore): string {
  const described = t.store.dialect.describe();
  if (described.startsWith('sqlite:') || !postgresTestUrl) return described;
  const url = new URL(postgresTestUrl);
  url.pathname = new URL(described).pathname;
  return url.toString();
}

interface Running {
  worker: Worker;
  ready: Promise<void>;
  done: Promise<void>;
}

function startAppending(job: AppendJob): Running {
  const worker = startWorker(import.meta.url, 'append-worker', { workerData: job });
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: AppendWorkerMessage) => {
      if ('ready' in message) onReady();
      else if ('done' in message) resolve();
      else reject(new Error(`${job.actor}: ${message.error}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`${job.actor} exited with ${code} before finishing`)));
  });
  return { worker, ready, done };
}

/** Round sizes from 1 to 64, so that batches of every size meet each other. */
function rounds(seed: number, total: number): number[] {
  const random = mulberry32(seed);
  const sizes: number[] = [];
  for (let left = total; left > 0;) {
    const size = Math.min(left, 1 + Math.floor(random() * 64));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

describe.each(storeFactories)('two writers on one %s database', (_name, createStore) => {
  let t: TestStore;
  const running: Running[] = [];

  beforeEach(async () => {
    t = await createStore();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.worker.terminate()));
    await t.dispose();
  });

  it('extend one chain that holds every entry exactly once', async () => {
    const perWriter = 1500;
    const url = connectionUrl(t);
    for (const [actor, seed] of [
      ['writer:a', 1],
      ['writer:b', 2],
    ] as const) {
      running.push(
        startAppending({ databaseUrl: url, dataDir: t.dataDir, actor, rounds: rounds(seed, perWriter) }),
      );
    }
    await Promise.all(running.map((r) => r.ready));
    for (const r of running) r.worker.postMessage('go');
    await Promise.all(running.map((r) => r.done));

    expect(await verifyAuditLog(t.store, { pageSize: 500 })).toMatchObject({
      ok: true,
      entries: 2 * perWriter,
    });
    const rows = await t.store.db
      .selectFrom('audit_log')
      .select(['actor', 'detail'])
      .orderBy('seq')
      .execute();
    const seen = new Set(rows.map((r) => `${r.actor}#${(JSON.parse(r.detail) as { i: number }).i}`));
    expect(seen.size).toBe(2 * perWriter);
    for (const actor of ['writer:a', 'writer:b']) {
      for (let i = 0; i < perWriter; i++) expect(seen.has(`${actor}#${i}`)).toBe(true);
    }
    // Each writer's entries keep the order it appended them in.
    for (const actor of ['writer:a', 'writer:b']) {
      const order = rows
        .filter((r) => r.actor === actor)
        .map((r) => (JSON.parse(r.detail) as { i: number }).i);
      expect(order).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    }
    // The writers really took turns: the chain switches between them many times.
    const switches = rows.filter((r, k) => k > 0 && rows[k - 1]?.actor !== r.actor).length;
    expect(switches).toBeGreaterThan(10);

    const decisions = await t.store.db
      .selectFrom('decision_records')
      .select((eb) => eb.fn.count<number>('subject').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(decisions.n)).toBe(2 * perWriter);
  });

  it('waits for a lock another connection holds without stalling its own event loop', async () => {
    const url = connectionUrl(t);
    const other = await openStore(
      url.startsWith('sqlite:') ? { dataDir: t.dataDir } : { dataDir: t.dataDir, databaseUrl: url },
    );
    const log = new AuditLog(t.store);
    try {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = other.db.transaction().execute(async (trx) => {
        expect(await other.dialect.tryLockForAppend<Database>(trx, 'audit_log')).toBe(true);
        locked();
        await released;
      });
      await lockTaken;
      expect(
        await t.store.db
          .transaction()
          .execute((trx) => t.store.dialect.tryLockForAppend<Database>(trx, 'audit_log')),
      ).toBe(false);

      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 5);
      let appended = false;
      const append = log
        .append({ actor: 'system', action: 'models.promote', outcome: 'success' })
        .then(() => {
          appended = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 150));
      clearInterval(ticker);
      // A synchronous wait for the lock (SQLite's busy timeout) would have frozen the timers.
      expect(ticks).toBeGreaterThan(10);
      expect(appended).toBe(false);

      release();
      await holder;
      await append;
      expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 1 });
    } finally {
      await log.close();
      await other.close();
    }
  });

  it('lockForAppend takes a free lock, and gives up on a held one after its timeout', async () => {
    const url = connectionUrl(t);
    const other = await openStore(
      url.startsWith('sqlite:') ? { dataDir: t.dataDir } : { dataDir: t.dataDir, databaseUrl: url },
    );
    try {
      await t.store.db
        .transaction()
        .execute((trx) => t.store.dialect.lockForAppend<Database>(trx, 'audit_log', 1000));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = other.db.transaction().execute(async (trx) => {
        await other.dialect.lockForAppend<Database>(trx, 'audit_log', 1000);
        locked();
        await released;
      });
      await lockTaken;
      const started = performance.now();
      await expect(
        t.store.db
          .transaction()
          .execute((trx) => t.store.dialect.lockForAppend<Database>(trx, 'audit_log', 100)),
      ).rejects.toThrow(/lock|busy/i);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      release();
      await holder;
    } finally {
      await other.close();
    }
  });
});
