import type { Kysely } from 'kysely';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import { GENESIS_HASH } from './audit-chain.js';

/**
 * The last entry of the chain: what the next entry links to, and what an anchor records. An empty log's
 * head is seq 0 with the genesis hash.
 */
export interface AuditHead {
  seq: number;
  hash: string;
}

export const EMPTY_AUDIT_HEAD: AuditHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

/** Reads the head on a connection or in a transaction (lock the table first when appending after it). */
export async function readAuditHead(db: Kysely<Database>): Promise<AuditHead> {
  const row = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash } : { ...EMPTY_AUDIT_HEAD };
}

/**
 * The current head, to keep somewhere the database's writers cannot reach (a file, a ticket, another
 * system) and pass to `verifyAuditLog(store, { anchor })` later: that is what detects entries removed
 * from the end of the log, which the chain alone cannot.
 */
export function auditHead(store: Store): Promise<AuditHead> {
  return readAuditHead(store.db);
}
