import { type Clock, newId, systemClock } from '../../store/ids.js';
import type { Store } from '../../store/open-store.js';
import {
  AccountabilityWriter,
  type AccountabilityWriterOptions,
  type DecisionRow,
} from '../accountability-writer.js';
import { type DecisionRecordInput, decisionRecordInputSchema, REQUEST_STAGE } from './decision-record.js';

export interface DecisionRecorderOptions extends AccountabilityWriterOptions {
  clock?: Clock;
}

/**
 * Writes one decision record per list served. Records queued in one turn of the event loop share one
 * transaction, with the audit entries too when the recorder and the audit log share a writer.
 * Ownership of the writer is as for AuditLog.
 */
export class DecisionRecorder {
  private readonly writer: AccountabilityWriter;
  private readonly ownsWriter: boolean;
  private readonly clock: Clock;
  private closed = false;

  constructor(target: Store | AccountabilityWriter, options: DecisionRecorderOptions = {}) {
    this.ownsWriter = !(target instanceof AccountabilityWriter);
    this.writer = target instanceof AccountabilityWriter ? target : new AccountabilityWriter(target, options);
    this.clock = options.clock ?? systemClock;
  }

  /** Validates and queues a record; resolves with its id (UUIDv7) once it is committed. */
  async record(input: DecisionRecordInput): Promise<string> {
    if (this.closed) throw new Error('the decision recorder is closed');
    const row = decisionRow(newId(), this.clock().toISOString(), input);
    await this.writer.enqueueDecision(row);
    return row.id;
  }

  /** Resolves once every record queued so far is committed. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Flushes what is pending; records afterwards are refused. */
  close(): Promise<void> {
    this.closed = true;
    return this.ownsWriter ? this.writer.close() : this.writer.flush();
  }
}

/** The row for a record: the request, when there is one, is kept as the first stage. */
export function decisionRow(id: string, createdAt: string, input: DecisionRecordInput): DecisionRow {
  const record = decisionRecordInputSchema.parse(input);
  const stages = record.request
    ? [{ stage: REQUEST_STAGE, changed: record.request }, ...record.stages]
    : record.stages;
  return {
    id,
    subject: record.subject,
    created_at: createdAt,
    surface: record.surface,
    model_id: record.modelId,
    policy_version: record.policyVersion,
    consent: JSON.stringify(record.consent),
    stages: JSON.stringify(stages),
    items: JSON.stringify(record.items),
  };
}
