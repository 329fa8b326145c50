import type { Clock } from '../store/ids.js';
import type { Store } from '../store/open-store.js';
import { AccountabilityWriter, type AccountabilityWriterOptions } from './accountability-writer.js';
import { AuditLog } from './audit/audit-log.js';
import { DecisionReader } from './decisions/decision-reader.js';
import { DecisionRecorder } from './decisions/decision-recorder.js';

export interface Accountability {
  readonly audit: AuditLog;
  readonly decisions: DecisionRecorder;
  readonly decisionReader: DecisionReader;
  /** Flushes what is queued and refuses more. Close it before the store. */
  close(): Promise<void>;
}

/**
 * The audit log and the decision recorder over one writer, so that serving a request (one decision
 * record, one audit entry) costs one shared transaction.
 */
export function accountabilityFor(
  store: Store,
  options: AccountabilityWriterOptions & { clock?: Clock } = {},
): Accountability {
  const writer = new AccountabilityWriter(store, options);
  const audit = new AuditLog(writer, options);
  const decisions = new DecisionRecorder(writer, options);
  return {
    audit,
    decisions,
    decisionReader: new DecisionReader(store),
    async close() {
      await Promise.all([audit.close(), decisions.close()]);
      await writer.close();
    },
  };
}
