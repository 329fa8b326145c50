import type { ServingPolicy } from '../../config/serving-policy.js';
import type { AuditSink } from '../../governance/audit/audit-entry.js';
import type { Clock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';

export type RetentionLimits = ServingPolicy['privacy']['retention'];

export interface RetentionReport {
  ranAt: string;
  /** Rows removed (or, for free text, blanked) per data class. */
  purged: {
    rawEvents: number;
    decisionRecords: number;
    feedback: number;
    freeText: number;
    sessions: number;
  };
  cutoffs: Record<keyof RetentionReport['purged'], string>;
}

const DAY_MS = 86_400_000;

/**
 * Purges what the policy's retention limits say has expired, by data class, as of the clock's now:
 * viewing events by when they occurred, decision records and feedback by when they were made, free text
 * (feedback reasons) blanked while the rest of the row stays, sessions once expired or revoked that long.
 * Each class is one statement; the database's files are scrubbed afterwards like after an erasure.
 */
export async function runRetention(
  store: Store,
  limits: RetentionLimits,
  options: { clock: Clock; audit?: AuditSink; actor?: string },
): Promise<RetentionReport> {
  const now = options.clock();
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const cutoffs = {
    rawEvents: cutoff(limits.rawEventsDays),
    decisionRecords: cutoff(limits.decisionRecordsDays),
    feedback: cutoff(limits.feedbackDays),
    freeText: cutoff(limits.freeTextDays),
    sessions: cutoff(limits.sessionsDays),
  };
  const db = store.db;
  const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);
  const purged = {
    rawEvents: deleted(
      await db.deleteFrom('interactions').where('occurred_at', '<', cutoffs.rawEvents).executeTakeFirst(),
    ),
    decisionRecords: deleted(
      await db
        .deleteFrom('decision_records')
        .where('created_at', '<', cutoffs.decisionRecords)
        .executeTakeFirst(),
    ),
    feedback: deleted(
      await db.deleteFrom('feedback').where('created_at', '<', cutoffs.feedback).executeTakeFirst(),
    ),
    freeText: Number(
      (
        await db
          .updateTable('feedback')
          .set({ reason: null })
          .where('created_at', '<', cutoffs.freeText)
          .where('reason', 'is not', null)
          .executeTakeFirst()
      ).numUpdatedRows,
    ),
    sessions: deleted(
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([eb('expires_at', '<', cutoffs.sessions), eb('revoked_at', '<', cutoffs.sessions)]),
        )
        .executeTakeFirst(),
    ),
  };
  await store.dialect.scrubAfterErasure(db, ['interactions', 'decision_records', 'feedback', 'sessions']);
  const report = { ranAt: now.toISOString(), purged, cutoffs };
  await options.audit?.append({
    actor: options.actor ?? 'system',
    action: 'retention.run',
    outcome: 'success',
    detail: { ...purged },
  });
  return report;
}
