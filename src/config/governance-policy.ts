import { z } from 'zod';
import { ROLES } from '../server/auth/roles.js';

/**
 * The governance part of the policy: what a candidate model must show before it may serve (the promotion
 * gate's thresholds and the sign-offs it needs) and when monitoring raises an alert. Written here, next to
 * the serving policy, so that one file and one version say both how Candor ranks and what it answers for.
 */

const ratio = (fallback: number, what: string) => z.number().min(0).max(1).default(fallback).describe(what);

export const promotionPolicySchema = z
  .strictObject({
    enforce: z
      .boolean()
      .default(true)
      .describe(
        'a model reaches production only through the gate and its sign-offs; off, an admin may name any model production directly (development only)',
      ),
    protocol: z
      .strictObject({
        split: z
          .string()
          .regex(/^stratified:0?\.\d+$/)
          .default('stratified:0.75')
          .describe("the fixed evaluation protocol: per-viewer random split of the store's interactions"),
        seed: z.int().min(0).default(42),
        k: z.int().min(1).max(100).default(10),
      })
      .prefault({})
      .describe('how the gate measures a candidate and the production model, the same way every time'),
    thresholds: z
      .strictObject({
        minRelativeAccuracy: z
          .number()
          .min(0)
          .max(2)
          .default(0.98)
          .describe(
            "the candidate's nDCG@k at least this fraction of production's (no production: not checked)",
          ),
        minAccuracy: ratio(0, "the candidate's nDCG@k at least this (0: no floor)"),
        minGroupFairnessRatio: ratio(
          0.8,
          "for each viewer grouping, the worst group's nDCG@k over the best group's at least this",
        ),
        minExposureRatio: ratio(
          0.8,
          "under-represented creators' share of top-k exposure over their share of the catalog at least this",
        ),
        minCoverage: ratio(0.05, 'share of the catalog recommended to someone at least this'),
        maxUnsafeShare: ratio(
          0,
          "share of the candidate's most exposed items the outgoing safety inspection holds back at most this",
        ),
      })
      .prefault({}),
    signoffRoles: z
      .array(z.enum(ROLES).exclude(['viewer', 'service', 'curator']))
      .max(3)
      .default(['analyst', 'auditor'])
      .describe('roles that must each sign off a passing gate report, each by a different person')
      .superRefine((roles, context) => {
        const seen = new Set<string>();
        for (const [at, role] of roles.entries()) {
          if (seen.has(role))
            context.addIssue({ code: 'custom', path: [at], message: `${role} is listed twice` });
          seen.add(role);
        }
      }),
  })
  .prefault({});
export type PromotionPolicy = z.output<typeof promotionPolicySchema>;

export const monitoringPolicySchema = z
  .strictObject({
    drift: z
      .strictObject({
        windowDays: z
          .int()
          .min(1)
          .max(365)
          .default(7)
          .describe("recent traffic compared with the production model's training snapshot"),
        intervalHours: z
          .int()
          .min(0)
          .max(24 * 30)
          .default(24)
          .describe('how often the server runs the comparison (0: only on demand)'),
        psiAlert: z
          .number()
          .positive()
          .default(0.2)
          .describe(
            'population stability index at or above which a distribution has drifted (0.1 watch, 0.2 act)',
          ),
        jsAlert: z
          .number()
          .positive()
          .max(1)
          .default(0.1)
          .describe('Jensen-Shannon divergence (base 2, 0..1) at or above which a distribution has drifted'),
        minEvents: z
          .int()
          .min(1)
          .default(200)
          .describe('fewer recent events than this: the comparison is reported as too small, no alert'),
      })
      .prefault({}),
    fairness: z
      .strictObject({
        minExposureRatio: ratio(
          0.8,
          "under-represented creators' share of served exposure over their catalog share below this raises an alert",
        ),
      })
      .prefault({}),
  })
  .prefault({});
export type MonitoringPolicy = z.output<typeof monitoringPolicySchema>;
