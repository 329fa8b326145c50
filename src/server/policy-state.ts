import type { Config } from '../config/config-schema.js';
import type { VersionedPolicy } from '../config/serving-policy.js';
import type { AuditSink } from '../governance/audit/audit-entry.js';
import { type ConsentPurposes, consentPurposes } from '../privacy/consent/purposes.js';
import type { BlocklistRepository } from '../safety/blocklist/blocklist-repository.js';
import { safetyGatewayFor } from '../safety/gateway/gateway-for.js';
import type { SafetyGateway } from '../safety/gateway/safety-gateway.js';
import type { Store } from '../store/open-store.js';

/** A policy and the parts of the process built from it: swapped together when an admin changes it. */
export interface PolicyState {
  readonly policy: VersionedPolicy;
  /** The consent purposes viewers are asked about, with the version of their wording. */
  readonly purposes: ConsentPurposes;
  /** The safety gateway with this policy's actions per surface. */
  readonly safety: SafetyGateway;
}

export function policyStateBuilder(deps: {
  config: Config;
  store: Store;
  blocklists: BlocklistRepository;
  audit: AuditSink;
}): (policy: VersionedPolicy) => PolicyState {
  return (policy) => ({
    policy,
    purposes: consentPurposes(policy.policy.privacy.consentPurposes),
    safety: safetyGatewayFor({
      config: deps.config,
      policy: policy.policy.safety,
      store: deps.store,
      blocklists: deps.blocklists,
      audit: deps.audit,
    }),
  });
}
