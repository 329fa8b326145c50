import type { Store } from '../../store/open-store.js';
import { auditEntryHash, GENESIS_HASH } from './audit-chain.js';
import type { AuditHead } from './audit-head.js';

export const BROKEN_REASONS = {
  altered: 'hash mismatch (entry altered)',
  unlinked: 'prev_hash does not match previous entry (entry removed or reordered)',
  anchorMissing: 'anchored entry is missing (entries removed from the end, or the log rewritten)',
  anchorDiffers: 'anchored entry differs from the anchor (the log was rewritten)',
} as const;

export type AuditVerification =
  | { ok: true; entries: number; head: AuditHead }
  /** `entries` counts the entries verified before the first broken one. */
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

export interface VerifyAuditLogOptions {
  /**
   * A head obtained earlier from `auditHead` and kept out of the database writers' reach. The chain
   * alone cannot show that entries were removed from its end (what remains is a valid, shorter chain),
   * nor that the whole log was rewritten with recomputed hashes; with an anchor, verification also
   * requires the anchored entry to be present with the same hash.
   */
  anchor?: AuditHead;
  /** Rows read per query; the log is streamed in seq order, never held in memory whole. */
  pageSize?: number;
}

/** Recomputes the chain from the genesis hash and reports the first entry that breaks it. */
export async function verifyAuditLog(
  store: Store,
  options: VerifyAuditLogOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 2000;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new Error(`pageSize must be a whole number of at least 1 (got ${pageSize})`);
  }
  const anchor = options.anchor;
  let head: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  // An anchor taken from an empty log is the genesis head, which every log extends.
  let anchorSeen = !anchor || (anchor.seq === 0 && anchor.hash === GENESIS_HASH);
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    entries,
    firstBroken: { seq, reason },
  });

  for (;;) {
    const page = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', head.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      // Recompute first: an edited prev_hash is an altered entry, not a missing one.
      if (auditEntryHash(row.prev_hash, row) !== row.hash) return broken(row.seq, BROKEN_REASONS.altered);
      if (row.prev_hash !== head.hash) return broken(row.seq, BROKEN_REASONS.unlinked);
      if (anchor && !anchorSeen) {
        if (row.seq > anchor.seq) return broken(anchor.seq, BROKEN_REASONS.anchorMissing);
        if (row.seq === anchor.seq) {
          if (row.hash !== anchor.hash) return broken(row.seq, BROKEN_REASONS.anchorDiffers);
          anchorSeen = true;
        }
      }
      head = { seq: row.seq, hash: row.hash };
      entries += 1;
    }
    if (page.length < pageSize) break;
  }
  if (anchor && !anchorSeen) return broken(anchor.seq, BROKEN_REASONS.anchorMissing);
  return { ok: true, entries, head };
}
