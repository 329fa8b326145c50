import { z } from 'zod';
import { gateCheckSchema } from '../registry/gate-report.js';

/**
 * Everything a responsible-AI scorecard shows about one model version, as plain JSON: what the PDF is
 * drawn from and what `candor scorecard --json` prints. Aggregates only: no viewer appears in it, groups
 * of fewer than MIN_REPORTED_GROUP viewers are left out, and people appear only as the staff accounts
 * that signed off.
 */

/** Viewer groups smaller than this are not shown, so no figure describes one or two viewers. */
export const MIN_REPORTED_GROUP = 5;

const interval = z.tuple([z.number(), z.number()]);

const groupStatSchema = z.strictObject({ group: z.string(), n: z.int(), mean: z.number(), ci: interval });

export const targetStatusSchema = z.enum(['meets', 'misses', 'not-measured']);
export type TargetStatus = z.infer<typeof targetStatusSchema>;

/** One line of the "against targets" summary: a policy threshold and what this version shows. */
export const targetSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  comparison: z.enum(['>=', '<=']),
  status: targetStatusSchema,
  /** Where the figure comes from, or why it was not measured. */
  note: z.string(),
  /** Whether the value is a share (shown as a percentage). */
  share: z.boolean(),
});
export type ScorecardTarget = z.infer<typeof targetSchema>;

const cohortSchema = z.strictObject({
  description: z.string(),
  size: z.int(),
  sizeShare: z.number(),
  errorRate: z.number(),
  shareOfError: z.number(),
});

export const scorecardDataSchema = z.strictObject({
  generatedAt: z.string(),
  policyVersion: z.string(),
  model: z.strictObject({
    id: z.string(),
    algorithm: z.string(),
    params: z.record(z.string(), z.unknown()),
    aliases: z.array(z.string()),
    createdAt: z.string(),
    codeVersion: z.string(),
    parent: z.string().nullable(),
    /** Its weights were deleted (it held an erased viewer's influence): it can no longer serve. */
    retired: z.boolean(),
    data: z.strictObject({
      snapshotHash: z.string(),
      source: z.string(),
      events: z.int(),
      viewers: z.int(),
      items: z.int(),
      lastEventAt: z.string().nullable(),
    }),
    consent: z
      .strictObject({
        purpose: z.string(),
        includedViewers: z.int(),
        excludedViewers: z.int(),
        excludedEvents: z.int(),
      })
      .nullable(),
    unlearning: z.array(
      z.strictObject({ at: z.string(), viewers: z.int(), method: z.string(), exact: z.boolean() }),
    ),
    /** Moves of the registry's aliases to or from this version, oldest first. */
    history: z.array(
      z.strictObject({ alias: z.string(), action: z.string(), at: z.string(), actor: z.string() }),
    ),
  }),
  protocol: z.strictObject({ split: z.string(), seed: z.int(), k: z.int() }),
  thresholds: z.record(z.string(), z.number()),
  targets: z.array(targetSchema),
  gate: z
    .strictObject({
      id: z.string(),
      createdAt: z.string(),
      passed: z.boolean(),
      baselineId: z.string().nullable(),
      policyVersion: z.string(),
      checks: z.array(gateCheckSchema),
      failures: z.array(z.string()),
      candidateMetrics: z.record(z.string(), z.number()),
      baselineMetrics: z.record(z.string(), z.number()).nullable(),
    })
    .nullable(),
  /** Why there is no gate report to show (never gated, or its report could not be read). */
  gateNote: z.string().nullable(),
  requiredSignoffs: z.array(z.string()),
  signoffs: z.array(
    z.strictObject({
      role: z.string(),
      accountId: z.string(),
      username: z.string().nullable(),
      at: z.string(),
      comment: z.string().nullable(),
    }),
  ),
  quality: z.strictObject({
    metric: z.string(),
    evaluatedViewers: z.int(),
    overall: groupStatSchema,
    coverage: z.number(),
    gini: z.number().nullable(),
    confidence: z.number(),
    resamples: z.int(),
    minGroupSize: z.int(),
  }),
  fairness: z.array(
    z.strictObject({
      grouping: z.string(),
      ratio: z.strictObject({ value: z.number(), ci: interval }),
      difference: z.strictObject({ value: z.number(), ci: interval }),
      worstGroup: z.string().nullable(),
      bestGroup: z.string().nullable(),
      groups: z.array(groupStatSchema),
      /** Groups under MIN_REPORTED_GROUP viewers, left out of the list above. */
      hiddenGroups: z.int(),
    }),
  ),
  fairnessSkipped: z.array(z.strictObject({ attribute: z.string(), reason: z.string() })),
  exposure: z.array(
    z.strictObject({
      attribute: z.string(),
      groups: z.array(
        z.strictObject({
          group: z.string(),
          items: z.int(),
          catalogShare: z.number(),
          exposureShare: z.number(),
          relevanceShare: z.number(),
          exposureToCatalog: z.number().nullable(),
        }),
      ),
    }),
  ),
  cohorts: z.strictObject({
    meanError: z.number(),
    worst: z.array(cohortSchema),
    best: z.array(cohortSchema),
  }),
  privacy: z.strictObject({
    subjects: z.int(),
    consent: z.array(
      z.strictObject({ purpose: z.string(), title: z.string(), granted: z.int(), rate: z.number() }),
    ),
    erasures: z.int(),
    lastErasureAt: z.string().nullable(),
    dpBudget: z.array(
      z.strictObject({
        dataset: z.string(),
        analysts: z.int(),
        queries: z.int(),
        /** The most any one analyst spent (budgets are per analyst and dataset). */
        maxEpsilonSpent: z.number(),
        epsilonLimit: z.number(),
        maxDeltaSpent: z.number(),
        deltaLimit: z.number(),
      }),
    ),
  }),
  safety: z.strictObject({
    since: z.string(),
    decisions: z.array(z.strictObject({ surface: z.string(), action: z.string(), count: z.int() })),
    queue: z.strictObject({ pending: z.int(), approved: z.int(), rejected: z.int() }),
  }),
  alerts: z.strictObject({
    since: z.string(),
    total: z.int(),
    recent: z.array(
      z.strictObject({
        kind: z.string(),
        severity: z.string(),
        metric: z.string(),
        value: z.number(),
        threshold: z.number(),
        createdAt: z.string(),
        delivery: z.string(),
      }),
    ),
  }),
});
export type ScorecardData = z.infer<typeof scorecardDataSchema>;
