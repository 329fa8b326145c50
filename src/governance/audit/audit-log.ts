import { type Clock, systemClock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import { AccountabilityWriter, type AccountabilityWriterOptions } from '../accountability-writer.js';
import { canonicalAuditEntry } from './audit-chain.js';
import { AUDIT_OUTCOMES, type AuditEntryInput, type AuditSink } from './audit-entry.js';

export interface AuditLogOptions extends AccountabilityWriterOptions {
  clock?: Clock;
}

const outcomes: ReadonlySet<string> = new Set(AUDIT_OUTCOMES);

/**
 * The audit log as a sink: `append` queues an entry and resolves once it is committed in the hash chain.
 * Entries appended in one turn of the event loop share one transaction (see AccountabilityWriter), and
 * with the decision recorder when both are built over the same writer.
 *
 * Over a Store the log owns a writer of its own and `close()` closes it; over a shared writer `close()`
 * flushes and leaves the writer to its owner. Every process has its own writer and connection: several
 * processes appending at once still extend one chain. (The writer never waits on the lock
 * synchronously: see `commitAccountabilityRows`.)
 *
 * `at` is the time of the append, so across processes it may step back a little from one entry to the
 * next: the chain's order is the order of commit.
 */
export class AuditLog implements AuditSink {
  private readonly writer: AccountabilityWriter;
  private readonly ownsWriter: boolean;
  private readonly clock: Clock;
  private closed = false;

  constructor(target: Store | AccountabilityWriter, options: AuditLogOptions = {}) {
    this.ownsWriter = !(target instanceof AccountabilityWriter);
    this.writer = target instanceof AccountabilityWriter ? target : new AccountabilityWriter(target, options);
    this.clock = options.clock ?? systemClock;
  }

  append(entry: AuditEntryInput): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit log is closed'));
    try {
      const fields = {
        at: this.clock().toISOString(),
        actor: nonEmpty('actor', entry.actor),
        action: nonEmpty('action', entry.action),
        subject: entry.subject ?? null,
        target: entry.target ?? null,
        outcome: outcome(entry.outcome),
        detail: JSON.stringify(entry.detail ?? {}),
      };
      return this.writer.enqueueAudit({ ...fields, canonical: canonicalAuditEntry(fields) });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Resolves once every entry appended so far is committed. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Flushes what is pending; appends afterwards are refused. */
  close(): Promise<void> {
    this.closed = true;
    return this.ownsWriter ? this.writer.close() : this.writer.flush();
  }
}

function nonEmpty(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new Error(`audit entry ${field} must be a non-empty string (got ${JSON.stringify(value)})`);
  }
  return value;
}

function outcome(value: unknown): string {
  if (typeof value !== 'string' || !outcomes.has(value)) {
    throw new Error(
      `audit entry outcome must be one of ${AUDIT_OUTCOMES.join(', ')} (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}
