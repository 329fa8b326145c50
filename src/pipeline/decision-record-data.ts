import type { ConsentState } from './consent-state.js';
import type { RecommendResult } from './recommend.js';
import type { Reason, StageTrace } from './slate.js';

/** What a decision record holds about one response, taken from its trace (governance stores it). */
export interface DecisionRecordData {
  subjectId: string | null;
  surface: string;
  modelId: string;
  algorithm: string;
  dataSnapshot: string;
  policyVersion: string;
  consent: ConsentState;
  stages: readonly StageTrace[];
  items: { itemId: string; rank: number; score: number; confidence: number; reasons: readonly Reason[] }[];
}

export function decisionRecordData(result: RecommendResult, subjectId: string | null): DecisionRecordData {
  return {
    subjectId,
    surface: result.surface,
    modelId: result.lineage.modelId,
    algorithm: result.lineage.algorithm,
    dataSnapshot: result.lineage.dataSnapshot,
    policyVersion: result.lineage.policyVersion,
    consent: result.consent,
    stages: result.trace,
    items: result.items.map(({ itemId, rank, score, confidence, reasons }) => ({
      itemId,
      rank,
      score,
      confidence,
      reasons,
    })),
  };
}
