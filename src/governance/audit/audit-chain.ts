import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: each entry's hash covers the previous entry's hash and the entry itself,
 * so altering, removing or reordering any entry breaks every link after it.
 *
 *   hash = sha256_hex(prev_hash + '\n' + canonical(entry))
 *
 * The first entry links to GENESIS_HASH. `seq` is not hashed: it is assigned by the database on insert,
 * and the chain vouches for the order of entries, not for the numbers between them.
 */

/** The prev_hash of the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of an entry, as stored: `detail` is the JSON text in the column, byte for byte. */
export interface AuditChainFields {
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  target: string | null;
  outcome: string;
  detail: string;
}

/**
 * One line of JSON with the fields in a fixed order, whatever the order (or extra properties) of the
 * object given: the same entry always serializes the same.
 */
export function canonicalAuditEntry(fields: AuditChainFields): string {
  return JSON.stringify({
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    subject: fields.subject,
    target: fields.target,
    outcome: fields.outcome,
    detail: fields.detail,
  });
}

/** The hash of an entry whose canonical form is given, linked to the previous entry's hash. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

/** Entries as stored once linked: each with the hash it follows and its own. */
export type LinkedAuditEntry = AuditChainFields & { prev_hash: string; hash: string };

/**
 * Links entries, in order, onto the entry whose hash is `prevHash`; each comes with its canonical form
 * (`canonicalAuditEntry`), computed when it was queued.
 */
export function linkAuditEntries(
  prevHash: string,
  entries: readonly (AuditChainFields & { canonical: string })[],
): LinkedAuditEntry[] {
  let previous = prevHash;
  return entries.map(({ canonical, ...fields }) => {
    const hash = chainHash(previous, canonical);
    const linked = { ...fields, prev_hash: previous, hash };
    previous = hash;
    return linked;
  });
}

export function auditEntryHash(prevHash: string, fields: AuditChainFields): string {
  return chainHash(prevHash, canonicalAuditEntry(fields));
}
