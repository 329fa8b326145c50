import { z } from 'zod';

/**
 * What a promotion gate found about a candidate version, stored with the version (promotion_gates) and
 * read by sign-offs, promotion, the model card and the scorecard. One check per policy threshold: its
 * measured value, the threshold, and whether it passed; a check that does not apply (no production model
 * to compare with, no creator groups in the catalog) says why and does not block.
 */
export const gateCheckSchema = z.strictObject({
  /** Stable id: accuracy-relative, accuracy-floor, group-fairness:<grouping>, exposure:<group>, coverage, catalog-safety. */
  id: z.string(),
  /** Plain-language name for reviewers. */
  label: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  comparison: z.enum(['>=', '<=']),
  passed: z.boolean(),
  /** Why the check did not apply (it then passes); null when it was measured. */
  skipped: z.string().nullable(),
  /** Figures behind the value (e.g. the groups compared, with intervals). */
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type GateCheck = z.infer<typeof gateCheckSchema>;

const interval = z.tuple([z.number(), z.number()]);

/**
 * How the candidate varied across groups on the protocol, for the model card: every viewer grouping
 * the audit measured (groups of fewer than SMALLEST_REPORTED_GROUP viewers left out, as analytics does)
 * and exposure by item group. Optional: reports written before it was kept have none.
 */
export const gateEvaluationSchema = z.strictObject({
  sizes: z.record(z.string(), z.number()),
  /** Groups smaller than this are shown but not compared (the audit's minimum). */
  minGroupSize: z.number(),
  fairness: z.array(
    z.strictObject({
      grouping: z.string(),
      worstGroup: z.string().nullable(),
      bestGroup: z.string().nullable(),
      ratio: z.strictObject({ value: z.number(), ci: interval }),
      difference: z.strictObject({ value: z.number(), ci: interval }),
      groups: z.array(z.strictObject({ group: z.string(), n: z.number(), mean: z.number(), ci: interval })),
    }),
  ),
  exposure: z.array(
    z.strictObject({
      attribute: z.string(),
      groups: z.array(
        z.strictObject({
          group: z.string(),
          items: z.number(),
          catalogShare: z.number(),
          exposureShare: z.number(),
          exposureToCatalog: z.number().nullable(),
        }),
      ),
    }),
  ),
  /** Groupings and checks the audit could not make, with why. */
  skipped: z.array(z.strictObject({ attribute: z.string(), reason: z.string() })),
});
export type GateEvaluation = z.infer<typeof gateEvaluationSchema>;

/** Viewer groups smaller than this are not described in a report (the analytics API's minimum too). */
export const SMALLEST_REPORTED_GROUP = 5;

export const gateReportSchema = z.strictObject({
  id: z.string(),
  modelId: z.string(),
  /** The production version the candidate was compared with; null when nothing was in production. */
  baselineId: z.string().nullable(),
  policyVersion: z.string(),
  protocol: z.strictObject({ split: z.string(), seed: z.number(), k: z.number() }),
  createdAt: z.string(),
  requestedBy: z.string(),
  passed: z.boolean(),
  /**
   * Metrics of the candidate (and the baseline) on the fixed protocol: `ndcg` (at protocol.k, with
   * `ndcgCiLow`/`ndcgCiHigh`), `coverage`, `gini`, `evaluatedViewers`, and for the candidate
   * `exposureToCatalog:underrepresented` and `unsafeShare` when measured.
   */
  candidate: z.strictObject({ metrics: z.record(z.string(), z.number()) }),
  baseline: z.strictObject({ metrics: z.record(z.string(), z.number()) }).nullable(),
  checks: z.array(gateCheckSchema),
  /** One sentence per failed check, for the refusal message. */
  failures: z.array(z.string()),
  /** Roles that must sign off this report (from the policy), each by a different person. */
  requiredSignoffs: z.array(z.string()),
  evaluation: gateEvaluationSchema.optional(),
});
export type GateReport = z.infer<typeof gateReportSchema>;
