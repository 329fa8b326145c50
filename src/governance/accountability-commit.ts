import type { Insertable, Kysely } from 'kysely';
import type { Store } from '../store/open-store.js';
import { chunks, rowsPerStatement } from '../store/repositories/chunk.js';
import type { Database, DecisionRecordsTable } from '../store/schema.js';
import { tryCommitOnSqlite } from './accountability-commit-sqlite.js';
import { type AuditChainFields, linkAuditEntries } from './audit/audit-chain.js';
import { readAuditHead } from './audit/audit-head.js';

/** An audit row before it is linked: its canonical form is computed once, when it is queued. */
export interface UnlinkedAuditRow extends AuditChainFields {
  /** `canonicalAuditEntry` of the fields. */
  canonical: string;
}

export type DecisionRow = Insertable<DecisionRecordsTable>;

/** What one transaction writes: decision records, and audit entries in the order they join the chain. */
export interface AccountabilityRows {
  readonly audit: readonly UnlinkedAuditRow[];
  readonly decisions: readonly DecisionRow[];
}

/** The part of a store a commit needs. */
export type CommitTarget = Pick<Store, 'db' | 'dialect'>;

const AUDIT_COLUMNS = 9;
const DECISION_COLUMNS = 9;
/** How long a commit waits for another connection's lock before it fails. */
const LOCK_WAIT_LIMIT_MS = 5000;

/**
 * Writes the rows in ONE transaction: the decision records, and the audit entries chained onto the head
 * of the audit log, read under the table's write lock (so writers on other connections, in this process
 * or another, extend one chain). Rejects, having written nothing, on any failure, and when the lock
 * stays taken for LOCK_WAIT_LIMIT_MS.
 *
 * On SQLite the transaction is one synchronous call on the store's own connection (`tryCommitOnSqlite`)
 * that never waits for the lock: while another connection commits (well under a millisecond), this
 * retries on a timer, so the event loop keeps serving. On PostgreSQL the transaction waits for the lock in
 * the server (two workers at saturation: 940-1,070 req/s retrying a NOWAIT lock, 1,180-1,430 waiting).
 */
export async function commitAccountabilityRows(
  target: CommitTarget,
  rows: AccountabilityRows,
): Promise<void> {
  const connection = target.dialect.sqliteConnection();
  if (!connection) {
    await commitInTransaction(target, rows);
    return;
  }
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    if (tryCommitOnSqlite(connection, rows)) return;
    if (Date.now() - started >= LOCK_WAIT_LIMIT_MS) {
      throw new Error(
        `the accountability tables stayed locked by another writer for ${LOCK_WAIT_LIMIT_MS} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 10)));
  }
}

async function commitInTransaction(target: CommitTarget, rows: AccountabilityRows): Promise<void> {
  await target.db.transaction().execute(async (trx) => {
    // The lock comes before the audit head is read: otherwise two writers could link onto the same head.
    const table = rows.audit.length > 0 ? 'audit_log' : 'decision_records';
    await target.dialect.lockForAppend<Database>(trx, table, LOCK_WAIT_LIMIT_MS);
    if (rows.audit.length > 0) await appendAudit(target, trx, rows.audit);
    const perStatement = rowsPerStatement(target.dialect, DECISION_COLUMNS);
    for (const chunk of chunks(rows.decisions, perStatement)) {
      await trx.insertInto('decision_records').values(chunk).execute();
    }
  });
}

async function appendAudit(
  target: CommitTarget,
  trx: Kysely<Database>,
  queued: readonly UnlinkedAuditRow[],
): Promise<void> {
  const rows = linkAuditEntries((await readAuditHead(trx)).hash, queued);
  // Both engines number the rows of one multi-row INSERT in VALUES order, which is the chain's order;
  // verification would report it if they ever did not.
  for (const chunk of chunks(rows, rowsPerStatement(target.dialect, AUDIT_COLUMNS))) {
    await trx.insertInto('audit_log').values(chunk).execute();
  }
}
