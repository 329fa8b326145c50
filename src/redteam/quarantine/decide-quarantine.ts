import type { AuditSink } from '../../governance/audit/audit-entry.js';
import { auditSubjectTag } from '../../privacy/audit-subject-tag.js';
import type { Clock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import {
  type QuarantineDecision,
  type QuarantineEntry,
  QuarantineRepository,
} from './quarantine-repository.js';

/** Why a decision could not be applied: the entry is unknown, or a newer quarantine supersedes it. */
export class QuarantineDecisionError extends Error {
  constructor(
    readonly reason: 'not-found' | 'superseded',
    readonly id: string,
  ) {
    super(
      reason === 'not-found'
        ? `no quarantine entry '${id}'`
        : `quarantine entry '${id}' is superseded by a newer quarantine of the same profile`,
    );
    this.name = 'QuarantineDecisionError';
  }
}

/**
 * A curator's decision on a quarantined profile, from the API or the CLI: applied to the subject's
 * latest entry only, and audited under the subject's audit tag (never the subject id).
 */
export async function decideQuarantine(
  store: Store,
  audit: AuditSink,
  request: { id: string; decision: QuarantineDecision; actor: string; clock?: Clock },
): Promise<{ entry: QuarantineEntry; previous: QuarantineEntry['status'] }> {
  const repository = new QuarantineRepository(store.db, request.clock);
  const existing = await repository.get(request.id);
  if (!existing) throw new QuarantineDecisionError('not-found', request.id);
  if ((await repository.latestFor(existing.subjectId))?.id !== existing.id)
    throw new QuarantineDecisionError('superseded', request.id);
  const entry = (await repository.decide(existing.id, request.decision, request.actor)) as QuarantineEntry;
  await audit.append({
    actor: request.actor,
    action: 'redteam.quarantine_decision',
    subject: await auditSubjectTag(store.keyring, existing.subjectId),
    target: existing.id,
    outcome: 'success',
    detail: { decision: request.decision, previous: existing.status },
  });
  return { entry, previous: existing.status };
}
