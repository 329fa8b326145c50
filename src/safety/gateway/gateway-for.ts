import type { Config } from '../../config/config-schema.js';
import type { AuditSink } from '../../governance/audit/audit-entry.js';
import { loadOrCreateSecret } from '../../privacy/secret-file.js';
import type { Store } from '../../store/open-store.js';
import { BlocklistRepository } from '../blocklist/blocklist-repository.js';
import { AzureContentSafetyProvider } from '../providers/azure-content-safety.js';
import type { SafetyPolicy } from '../safety-policy.js';
import { SafetyGateway } from './safety-gateway.js';

/** The gateway the policy asks for: local detectors, or Azure AI Content Safety with the config's key. */
export function safetyGatewayFor(deps: {
  config: Config;
  policy: SafetyPolicy;
  store: Store;
  /** The repository curators edit through; the gateway reads the same one. */
  blocklists?: BlocklistRepository;
  audit?: AuditSink;
}): SafetyGateway {
  const { config, policy } = deps;
  let provider: AzureContentSafetyProvider | undefined;
  if (policy.provider === 'azure') {
    const azure = config.safety.azure;
    if (!azure) {
      throw new Error(
        'the policy names the azure safety provider but the config has no safety.azure endpoint and key ' +
          '(or CANDOR_AZURE_CONTENT_SAFETY_ENDPOINT and CANDOR_AZURE_CONTENT_SAFETY_KEY)',
      );
    }
    provider = new AzureContentSafetyProvider(azure);
  }
  return new SafetyGateway({
    policy,
    provider,
    blocklists: deps.blocklists ?? new BlocklistRepository(deps.store.db),
    redactionKey: loadOrCreateSecret(config.dataDir, 'redaction'),
    audit: deps.audit,
  });
}
