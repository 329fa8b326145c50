import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tryCommitOnSqlite } from '../../src/governance/accountability-commit-sqlite.js';
import { AccountabilityWriter } from '../../src/governance/accountability-writer.js';
import { canonicalAuditEntry } from '../../src/governance/audit/audit-chain.js';
import { verifyAuditLog } from '../../src/governance/audit/verify-audit-log.js';
import { SQLITE_FILE_NAME } from '../../src/store/open-store.js';
import { join } from 'node:path';
import { emptyDecisionRow } from '../support/decision-rows.js';
import { sqliteTestStore, type TestStore } from '../support/test-stores.js';

const auditRow = (target: string) => {
  const fields = {
    at: '2026-11-22T10:00:00.000Z',
    actor: 'system',
    action: 'models.promote',
    subject: null,
    target,
    outcome: 'success',
    detail: '{}',
  };
  return { ...fields, canonical: canonicalAuditEntry(fields) };
};

const decision = (id: string) => emptyDecisionRow(id, 'p-1');

describe('the accountability commit on SQLite’s own connection', () => {
  let t: TestStore;
  let connection: Database.Database;
  const count = (table: 'audit_log' | 'decision_records') =>
    (connection.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

  beforeEach(async () => {
    t = await sqliteTestStore();
    const own = t.store.dialect.sqliteConnection();
    if (!own) throw new Error('a SQLite store has its connection');
    connection = own;
  });
  afterEach(() => t.dispose());

  it('writes the rows and the chain in one go, leaving the busy timeout as it found it', async () => {
    const before = connection.pragma('busy_timeout', { simple: true });
    expect(before).toBeGreaterThan(0);
    const rows = { audit: [auditRow('a'), auditRow('b')], decisions: [decision('d-1')] };
    expect(tryCommitOnSqlite(connection, rows)).toBe(true);
    expect(connection.inTransaction).toBe(false);
    expect(connection.pragma('busy_timeout', { simple: true })).toBe(before);
    expect(count('decision_records')).toBe(1);
    expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 2 });
  });

  it('refuses at once, writing nothing, while another connection holds the write lock', async () => {
    const other = new Database(join(t.dataDir, SQLITE_FILE_NAME));
    try {
      other.prepare('begin immediate').run();
      const started = performance.now();
      expect(tryCommitOnSqlite(connection, { audit: [auditRow('a')], decisions: [] })).toBe(false);
      // The connection's own busy timeout (seconds) would have made this wait.
      expect(performance.now() - started).toBeLessThan(500);
      expect(connection.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      other.prepare('rollback').run();
      expect(count('audit_log')).toBe(0);
      // Twice: a prepared pragma would take effect only from its second run.
      other.prepare('begin immediate').run();
      expect(tryCommitOnSqlite(connection, { audit: [auditRow('b')], decisions: [] })).toBe(false);
      other.prepare('rollback').run();
      expect(tryCommitOnSqlite(connection, { audit: [auditRow('c')], decisions: [] })).toBe(true);
    } finally {
      other.close();
    }
    expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 1 });
  });

  it('leaves a Kysely transaction open on the connection alone, and commits once it is over', async () => {
    const writer = new AccountabilityWriter(t.store);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let begun!: () => void;
    const inside = new Promise<void>((resolve) => (begun = resolve));
    const other = t.store.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into decision_records (id, subject, created_at, surface, model_id, policy_version, consent, stages, items)
          values ('rolled-back', 'p', 'now', 'home', 'm', 'v', '{}', '[]', '[]')`.execute(trx);
        begun();
        await released;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await inside;
    expect(tryCommitOnSqlite(connection, { audit: [], decisions: [decision('refused')] })).toBe(false);
    const queued = writer.enqueueDecision(decision('d-1'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    release();
    await other;
    await queued;
    // Had the rows joined the open transaction, its rollback would have taken them too.
    expect(connection.prepare('select id from decision_records').all()).toEqual([{ id: 'd-1' }]);
    await writer.close();
  });

  it('rolls back the whole batch when a row fails', () => {
    expect(tryCommitOnSqlite(connection, { audit: [], decisions: [decision('dup')] })).toBe(true);
    expect(() =>
      tryCommitOnSqlite(connection, {
        audit: [auditRow('a')],
        decisions: [decision('new'), decision('dup')],
      }),
    ).toThrow(/UNIQUE/);
    expect(connection.inTransaction).toBe(false);
    expect(count('audit_log')).toBe(0);
    expect(count('decision_records')).toBe(1);
  });
});

describe('the accountability writer’s flush interval', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await sqliteTestStore();
  });
  afterEach(() => t.dispose());

  const timeOfFlushes = async (writer: AccountabilityWriter, rounds: number) => {
    const starts: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const before = writer.flushesStarted;
      const committed = writer.enqueueAudit(auditRow(`r-${i}`));
      while (writer.flushesStarted === before) await new Promise((resolve) => setImmediate(resolve));
      starts.push(performance.now());
      await committed;
    }
    return starts.slice(1).map((start, i) => start - (starts[i] as number));
  };

  it('keeps flushes that follow each other at least the interval apart', async () => {
    const writer = new AccountabilityWriter(t.store, { flushIntervalMs: 40 });
    const gaps = await timeOfFlushes(writer, 4);
    // Timers count whole milliseconds of the loop's clock, and the gaps are seen by polling: some slack.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(35);
    await writer.close();
    expect(await verifyAuditLog(t.store)).toMatchObject({ ok: true, entries: 4 });
  });

  it('flushes at the next turn after a quiet spell, and every turn with an interval of 0', async () => {
    const writer = new AccountabilityWriter(t.store, { flushIntervalMs: 40 });
    await writer.enqueueAudit(auditRow('first'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    const started = performance.now();
    await writer.enqueueAudit(auditRow('after a pause'));
    expect(performance.now() - started).toBeLessThan(30);
    await writer.close();

    const eager = new AccountabilityWriter(t.store, { flushIntervalMs: 0 });
    const gaps = await timeOfFlushes(eager, 4);
    for (const gap of gaps) expect(gap).toBeLessThan(30);
    await eager.close();
  });

  it('refuses an interval that is not a number of at least 0', () => {
    expect(() => new AccountabilityWriter(t.store, { flushIntervalMs: -1 })).toThrow(/flushIntervalMs/);
    expect(() => new AccountabilityWriter(t.store, { flushIntervalMs: Number.NaN })).toThrow(
      /flushIntervalMs/,
    );
  });
});
