import { userInfo } from 'node:os';
import type { Config } from '../../config/config-schema.js';
import { AuditLog } from '../../governance/audit/audit-log.js';
import { loadOrCreateSecret } from '../../privacy/secret-file.js';
import { Pseudonymizer } from '../../privacy/pseudonymizer.js';
import type { Store } from '../../store/open-store.js';
import { AuthService } from './auth-service.js';

/** The actor the audit log names for commands run on the host: the operating-system user. */
export const cliActor = (): string => `cli:${userInfo().username}`;

/** Account and key management outside the HTTP service (first admin, demo accounts), audited alike. */
export function authForStore(config: Config, store: Store) {
  return {
    auth: new AuthService(store, loadOrCreateSecret(config.dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET'), {
      sessionTtlSeconds: config.auth.sessionTtlSeconds,
      bearerTtlSeconds: config.auth.bearerTtlSeconds,
    }),
    pseudonymizer: new Pseudonymizer(
      loadOrCreateSecret(config.dataDir, 'pseudonym', 'CANDOR_PSEUDONYM_SECRET'),
    ),
    audit: new AuditLog(store),
  };
}
