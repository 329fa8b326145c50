export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One accountable event: who did what to which subject (as a pseudonym), when, and how it ended. */
export interface AuditEntryInput {
  /** `account:<id>`, `api-key:<id>`, `cli:<user>` or `system`. */
  actor: string;
  /** Dotted verb, e.g. `keys.create`, `history.read`, `recommendations.serve`. */
  action: string;
  /** Pseudonym of the data subject concerned, when there is one. */
  subject?: string | null;
  /** What was acted on: an id of a key, model, account or decision record. */
  target?: string | null;
  outcome: AuditOutcome;
  /** Small JSON details; never personal data in the clear. */
  detail?: Record<string, unknown>;
}

/** Where audit entries go. `append` resolves once the entry is durable in the chain. */
export interface AuditSink {
  append(entry: AuditEntryInput): Promise<void>;
}
