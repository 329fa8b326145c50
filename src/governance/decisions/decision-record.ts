import { z } from 'zod';

export const DECISION_SURFACES = ['home', 'detail', 'search'] as const;
export type DecisionSurface = (typeof DECISION_SURFACES)[number];

/**
 * The stage name under which the request is kept: it is stored as the first entry of `stages`, so the
 * table keeps its columns. No pipeline stage may take the name.
 */
export const REQUEST_STAGE = 'request';

export const decisionConsentSchema = z.strictObject({
  personalization: z.boolean().describe('whether the viewer consented to personalized recommendations'),
  source: z.string().min(1).describe('where the consent state came from, e.g. `viewer`, `default`'),
  version: z.number().int().nonnegative().describe('version of the consent text the state refers to'),
});
export type DecisionConsent = z.infer<typeof decisionConsentSchema>;

export const decisionStageSchema = z.strictObject({
  stage: z.string().min(1).describe('the pipeline stage, as named in the policy'),
  changed: z.record(z.string(), z.unknown()).describe('what the stage changed: small JSON, no personal data'),
});
export type DecisionStage = z.infer<typeof decisionStageSchema>;

export const decisionItemSchema = z.strictObject({
  itemId: z.string().min(1).describe('public id of the item served'),
  score: z.number().describe('the final score the item was ranked by'),
  rank: z.number().int().positive().describe('1-based position in the list served'),
  reasons: z.array(z.string()).describe('the explanations shown with the item'),
});
export type DecisionItem = z.infer<typeof decisionItemSchema>;

export const decisionRequestSchema = z
  .record(z.string(), z.unknown())
  .describe('what was asked for (list size, context item, filters); never free text in the clear');

export const decisionRecordInputSchema = z.strictObject({
  subject: z.string().min(1).describe('pseudonym of the viewer served, never the subject id'),
  surface: z.enum(DECISION_SURFACES).describe('where the list was shown'),
  modelId: z.string().min(1).describe('the model artifact that scored the candidates'),
  policyVersion: z.string().min(1).describe('version of the serving policy applied'),
  consent: decisionConsentSchema,
  stages: z
    .array(
      decisionStageSchema.refine((s) => s.stage !== REQUEST_STAGE, {
        message: `'${REQUEST_STAGE}' is reserved for the request`,
        path: ['stage'],
      }),
    )
    .describe('the stages applied, in order'),
  items: z.array(decisionItemSchema).describe('the items served, in rank order'),
  request: decisionRequestSchema.optional(),
});
export type DecisionRecordInput = z.input<typeof decisionRecordInputSchema>;

/** A stored decision record, read back with its JSON columns parsed. */
export interface DecisionRecord {
  id: string;
  subject: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  surface: DecisionSurface;
  modelId: string;
  policyVersion: string;
  consent: DecisionConsent;
  stages: DecisionStage[];
  items: DecisionItem[];
  request?: Record<string, unknown>;
}
