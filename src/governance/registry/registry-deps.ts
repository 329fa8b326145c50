import type { VersionedPolicy } from '../../config/serving-policy.js';
import type { Clock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import type { AuditSink } from '../audit/audit-entry.js';

/**
 * What the registry's operations work on, the same for the API and the CLI. `policy` is the one policy
 * the whole operation goes by (read once: an admin may swap the serving policy meanwhile).
 */
export interface RegistryDeps {
  store: Store;
  dataDir: string;
  policy: VersionedPolicy;
  audit: AuditSink;
  clock: Clock;
  /** Called after production moved (the server reloads its model; the CLI's server notices the file). */
  onProductionChange?: () => void;
}
