import { z } from 'zod';

/**
 * The audit report as the analyst API serves it (run-audit.ts's AuditReport, with small viewer groups
 * suppressed), described for the OpenAPI document so that the dashboard reads it typed. The route's
 * type check holds the report to this shape; a field the report gains is left out of the answer until
 * it is described here.
 */

const interval = z.tuple([z.number(), z.number()]);

const groupStat = z.object({ group: z.string(), n: z.number(), mean: z.number(), ci: interval });

const fairnessFrame = z.object({
  attribute: z.string().describe('viewer grouping, e.g. gender, ageBand, activity, gender|ageBand'),
  metric: z.string(),
  overall: groupStat,
  byGroup: z.array(groupStat),
  difference: z.object({ value: z.number(), ci: interval }).describe('best group mean - worst group mean'),
  ratio: z.object({ value: z.number(), ci: interval }).describe('worst group mean / best group mean'),
  worstGroup: z.string().nullable().describe('null: fewer than two groups big enough to compare'),
  bestGroup: z.string().nullable(),
});

const exposureGroup = z.object({
  group: z.string(),
  items: z.number(),
  catalogShare: z.number(),
  exposureShare: z.number(),
  relevanceShare: z.number(),
  exposureToCatalog: z.number().nullable(),
  exposureToRelevance: z.number().nullable(),
  coverage: z.number(),
});

const errorCohort = z.object({
  description: z.string(),
  size: z.number(),
  sizeShare: z.number(),
  errorRate: z.number(),
  shareOfError: z.number(),
});

const representation = z.object({
  attribute: z.string(),
  population: z.enum(['catalog', 'viewers']),
  groups: z.array(
    z.object({
      group: z.string(),
      population: z.number(),
      populationShare: z.number(),
      interactions: z.number(),
      interactionShare: z.number(),
      ratio: z.number().nullable(),
    }),
  ),
});

const tradeoffRow = z.object({
  label: z.string(),
  kind: z.enum(['baseline', 'reranker', 'policy']),
  rerankers: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  inPolicy: z.boolean(),
  ndcg: z.number(),
  ndcgLoss: z.number().describe("1 - nDCG / the model order's nDCG"),
  catalogCoverage: z.number(),
  gini: z.number().nullable(),
  longTailShare: z.number().nullable(),
  intraListDiversity: z.number().nullable(),
  calibrationKl: z.number().nullable(),
  underrepresentedExposure: z.number().nullable(),
  msPerList: z.number(),
});

const share = z.number();
const plantedBias = z.object({
  group: z.literal('underrepresented'),
  exposureMultiplier: z.number(),
  groundTruth: z.object({ catalogShare: share, relevanceShare: share, interactionShare: share }),
  measured: z.object({ catalogShare: share, exposureShare: share, interactionShare: share }),
  exposureToRelevance: z.number().nullable(),
  interactionToRelevance: z.number().nullable(),
  threshold: z.number(),
  detected: z.boolean(),
});

export const auditReportSchema = z.object({
  dataset: z.object({ path: z.string(), format: z.string() }),
  algorithm: z.string(),
  params: z.record(z.string(), z.unknown()),
  split: z.string(),
  seed: z.number(),
  k: z.number(),
  metric: z.string(),
  settings: z.object({ resamples: z.number(), confidence: z.number(), minGroupSize: z.number() }),
  sizes: z.object({
    viewers: z.number(),
    evaluatedViewers: z.number(),
    items: z.number(),
    trainInteractions: z.number(),
    testInteractions: z.number(),
  }),
  overall: groupStat,
  fairness: z.array(fairnessFrame),
  skipped: z.array(z.object({ attribute: z.string(), reason: z.string() })),
  exposure: z.object({
    catalog: z.object({ coverage: z.number(), gini: z.number().nullable() }),
    byAttribute: z.array(z.object({ attribute: z.string(), groups: z.array(exposureGroup) })),
  }),
  errorAnalysis: z.object({
    viewers: z.number(),
    meanError: z.number(),
    maxDepth: z.number(),
    minLeafSize: z.number(),
    complexity: z.number(),
    cohorts: z.array(errorCohort).describe('worst (highest error rate) first'),
  }),
  dataBias: z.object({
    interactions: z.number(),
    items: z.array(representation),
    viewers: z.array(representation),
  }),
  plantedBias: plantedBias.nullable().describe('with a synthetic dataset: whether the planted bias shows'),
  tradeoffs: z
    .object({
      surface: z.string(),
      k: z.number(),
      poolSize: z.number(),
      rows: z.array(tradeoffRow).describe('the model order first'),
    })
    .nullable()
    .describe("each reranker's accuracy cost against its coverage, diversity and exposure gain"),
  fitSeconds: z.number(),
  suppressedGroups: z.number().describe('viewer groups left out for being too small'),
});
