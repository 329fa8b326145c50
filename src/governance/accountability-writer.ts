import type { Insertable, Kysely } from 'kysely';
import type { Store } from '../store/open-store.js';
import { chunks, rowsPerStatement } from '../store/repositories/chunk.js';
import type { AuditLogTable, Database, DecisionRecordsTable } from '../store/schema.js';
import { chainHash } from './audit/audit-chain.js';
import { readAuditHead } from './audit/audit-head.js';

/** An audit row before it is linked: its canonical form is computed once, when it is queued. */
export interface UnlinkedAuditRow {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  target: string | null;
  outcome: string;
  detail: string;
  /** `canonicalAuditEntry` of the fields above. */
  canonical: string;
}

export type DecisionRow = Insertable<DecisionRecordsTable>;

export interface AccountabilityWriterOptions {
  /** Queued rows that start a flush at once rather than at the next turn of the event loop. */
  flushAt?: number;
}

const DEFAULT_FLUSH_AT = 256;
const AUDIT_COLUMNS = 9;
const DECISION_COLUMNS = 9;
/** How long a flush keeps retrying while another process holds the lock (as SQLite's busy timeout). */
const LOCK_WAIT_LIMIT_MS = 5000;
/** Thrown inside a transaction to roll it back when the lock is taken; never escapes the writer. */
const LOCKED = new Error('the accountability tables are locked by another writer');

/** Rows that commit together, and the one promise everyone waiting for them shares. */
class Batch {
  readonly audit: UnlinkedAuditRow[] = [];
  readonly decisions: DecisionRow[] = [];
  readonly committed: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.committed = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  get size(): number {
    return this.audit.length + this.decisions.length;
  }
}

/**
 * Group commit for the accountability tables. Rows queued during one turn of the event loop are written
 * in ONE transaction: the queued decision records, and the queued audit entries chained onto the head of
 * the audit log, read under the table's write lock (so writers in other processes, each with its own
 * writer, extend one chain). One flush runs at a time; rows queued meanwhile form the next one. A failed
 * flush writes nothing and rejects every promise waiting for it.
 *
 * The queue is not bounded: when the database falls behind, batches grow (which is what lets group
 * commit keep up) rather than callers being turned away.
 */
export class AccountabilityWriter {
  private readonly flushAt: number;
  private pending: Batch | undefined;
  private flying: Batch | undefined;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    options: AccountabilityWriterOptions = {},
  ) {
    const flushAt = options.flushAt ?? DEFAULT_FLUSH_AT;
    if (!Number.isInteger(flushAt) || flushAt < 1) {
      throw new Error(`flushAt must be a whole number of at least 1 (got ${flushAt})`);
    }
    this.flushAt = flushAt;
  }

  /** Queues an audit row; resolves once it is committed in the chain. */
  enqueueAudit(row: UnlinkedAuditRow): Promise<void> {
    const batch = this.batchToJoin();
    if (!batch) return Promise.reject(new Error('the accountability writer is closed'));
    batch.audit.push(row);
    return this.queued(batch);
  }

  /** Queues a decision record row; resolves once it is committed. */
  enqueueDecision(row: DecisionRow): Promise<void> {
    const batch = this.batchToJoin();
    if (!batch) return Promise.reject(new Error('the accountability writer is closed'));
    batch.decisions.push(row);
    return this.queued(batch);
  }

  /** Writes what is queued now; resolves once everything queued before the call is committed. */
  flush(): Promise<void> {
    const last = this.pending ?? this.flying;
    this.start();
    return last ? last.committed : Promise.resolve();
  }

  /** Flushes what is pending; rows queued afterwards are refused. */
  close(): Promise<void> {
    this.closed = true;
    return this.flush();
  }

  private batchToJoin(): Batch | undefined {
    if (this.closed) return undefined;
    if (!this.pending) {
      this.pending = new Batch();
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.start();
        });
      }
    }
    return this.pending;
  }

  private queued(batch: Batch): Promise<void> {
    if (batch.size >= this.flushAt) this.start();
    return batch.committed;
  }

  /** Starts writing the pending batch unless a flush is running (its end starts the next one). */
  private start(): void {
    const batch = this.pending;
    if (!batch || this.flying) return;
    this.pending = undefined;
    this.flying = batch;
    this.write(batch).then(
      () => this.finish(batch, undefined),
      (error: unknown) => this.finish(batch, error ?? new Error('flush failed')),
    );
  }

  private finish(batch: Batch, error: unknown): void {
    this.flying = undefined;
    if (error === undefined) batch.resolve();
    else batch.reject(error);
    this.start();
  }

  // Async, so that even a synchronous throw (a destroyed store) ends as a rejection of this flush.
  private async write(batch: Batch): Promise<void> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      if (await this.tryWrite(batch)) return;
      if (Date.now() - started >= LOCK_WAIT_LIMIT_MS) {
        throw new Error(
          `the accountability tables stayed locked by another writer for ${LOCK_WAIT_LIMIT_MS} ms`,
        );
      }
      // Another process is committing (its transactions take well under a millisecond); this one keeps
      // serving meanwhile and its queue grows into the next batch.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 10)));
    }
  }

  /** One transaction with the whole batch; false, having written nothing, when the lock was taken. */
  private async tryWrite(batch: Batch): Promise<boolean> {
    return this.store.db
      .transaction()
      .execute(async (trx) => {
        // The lock comes before the audit head is read: otherwise two writers could link onto the same head.
        const table = batch.audit.length > 0 ? 'audit_log' : 'decision_records';
        if (!(await this.store.dialect.tryLockForAppend<Database>(trx, table))) throw LOCKED;
        if (batch.audit.length > 0) await this.appendAudit(trx, batch.audit);
        const perStatement = rowsPerStatement(this.store.dialect, DECISION_COLUMNS);
        for (const rows of chunks(batch.decisions, perStatement)) {
          await trx.insertInto('decision_records').values(rows).execute();
        }
        return true;
      })
      .catch((error: unknown) => {
        if (error === LOCKED) return false;
        throw error;
      });
  }

  private async appendAudit(trx: Kysely<Database>, queued: UnlinkedAuditRow[]): Promise<void> {
    let prevHash = (await readAuditHead(trx)).hash;
    const rows: Insertable<AuditLogTable>[] = queued.map(({ canonical, ...fields }) => {
      const hash = chainHash(prevHash, canonical);
      const row = { ...fields, prev_hash: prevHash, hash };
      prevHash = hash;
      return row;
    });
    // Both engines number the rows of one multi-row INSERT in VALUES order, which is the chain's order;
    // verification would report it if they ever did not.
    for (const chunk of chunks(rows, rowsPerStatement(this.store.dialect, AUDIT_COLUMNS))) {
      await trx.insertInto('audit_log').values(chunk).execute();
    }
  }
}
