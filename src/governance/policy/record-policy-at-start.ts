import type { VersionedPolicy } from '../../config/serving-policy.js';
import type { Clock } from '../../store/ids.js';
import type { AuditSink } from '../audit/audit-entry.js';
import type { PolicyHistory } from './policy-history.js';

export const POLICY_AT_START_ACTOR = 'system:start';

/**
 * Keeps the policy history whole when a process starts under a policy the history does not end with:
 * the first start of a deployment, or a policy file edited on disk instead of through the API. The
 * latter is also an audit event, so a change that bypassed the API is still on the record.
 */
export async function recordPolicyAtStart(
  history: PolicyHistory,
  policy: VersionedPolicy,
  audit: AuditSink,
  clock: Clock,
): Promise<void> {
  const latest = await history.latest();
  if (latest?.version === policy.version) return;
  await history.record(policy, {
    actor: POLICY_AT_START_ACTOR,
    note: latest ? 'the policy file changed outside the API' : 'first start',
    at: clock(),
  });
  if (latest) {
    await audit.append({
      actor: POLICY_AT_START_ACTOR,
      action: 'policy.loaded-changed',
      target: policy.version,
      outcome: 'success',
      detail: { previous: latest.version, version: policy.version },
    });
  }
}
