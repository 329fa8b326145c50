import type { DecisionRow } from '../../src/governance/accountability-writer.js';
import { decisionRow } from '../../src/governance/decisions/decision-recorder.js';

/** A decision record row with no stages and no items: what the writer tests commit. */
export function emptyDecisionRow(id: string, subject = 'p'): DecisionRow {
  return decisionRow(id, '2026-01-01T00:00:00.000Z', {
    subject,
    surface: 'home',
    modelId: 'm',
    policyVersion: 'v1',
    consent: { personalization: true, source: 'viewer', version: 1 },
    stages: [],
    items: [],
  });
}
