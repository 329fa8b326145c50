import type { VersionedPolicy } from '../../config/serving-policy.js';
import type { GateReport } from './gate-report.js';
import type { Signoff } from './gate-store.js';

export interface PromotionReadiness {
  /** Whether the version may be promoted under an enforcing policy. */
  ready: boolean;
  /** Every reason it may not, each a sentence that says what to do. */
  blockers: string[];
  missingSignoffs: string[];
}

/**
 * Whether a version's latest gate report lets it be promoted now: a report exists, was made under the
 * policy in force, passed, compared the candidate with the version still in production, and every role
 * the policy names has signed it off. Shared by promotion (which refuses with the blockers) and the
 * read routes (which show them).
 */
export function promotionReadiness(
  gate: GateReport | undefined,
  signoffs: readonly Signoff[],
  policy: VersionedPolicy,
  production: string | null,
): PromotionReadiness {
  const required = policy.policy.promotion.signoffRoles;
  if (!gate) {
    return {
      ready: false,
      blockers: ['no gate report: run the gate on this version first'],
      missingSignoffs: [...required],
    };
  }
  const blockers: string[] = [];
  if (gate.policyVersion !== policy.version) {
    blockers.push(
      `the gate ran under ${gate.policyVersion} but the policy is now ${policy.version}: re-run the gate`,
    );
  }
  if (!gate.passed) blockers.push(...gate.failures.map((failure) => `failed check ${failure}`));
  if (gate.baselineId !== production) {
    blockers.push(
      `production changed since the gate ran (it compared with ${gate.baselineId ?? 'no model'}, ` +
        `production is now ${production ?? 'no model'}): re-run the gate`,
    );
  }
  const signed = new Set(signoffs.map((signoff) => signoff.role));
  const missingSignoffs = required.filter((role) => !signed.has(role));
  if (missingSignoffs.length > 0) blockers.push(`missing sign-off by: ${missingSignoffs.join(', ')}`);
  return { ready: blockers.length === 0, blockers, missingSignoffs };
}
