import type { QueueTargetKind } from '../../../safety/curation/safety-queue.js';
import type { SafetyDecision } from '../../../safety/gateway/decide.js';
import type { ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';

/** A refusal that tells the viewer why, without quoting what they wrote. */
export function blockedError(decision: SafetyDecision, field: string): HttpError {
  return new HttpError(422, {
    type: 'blocked-by-safety-policy',
    detail: decision.reasons.map((reason) => reason.message).join(' '),
    field,
  });
}

/**
 * Sends content the outgoing inspection refused to the curator queue, audited once when it is first
 * queued (the reasons, never the text).
 */
export async function holdForCurator(
  ctx: Pick<ApiContext, 'safetyQueue' | 'audit'>,
  kind: QueueTargetKind,
  id: string,
  decision: SafetyDecision,
): Promise<void> {
  if (!(await ctx.safetyQueue.hold(kind, id, decision.reasons))) return;
  await ctx.audit.append({
    actor: 'system:safety',
    action: 'safety.hold',
    target: `${kind}:${id}`,
    outcome: 'success',
    detail: { reasons: decision.reasons.map((reason) => `${reason.kind}:${reason.type}`) },
  });
}
