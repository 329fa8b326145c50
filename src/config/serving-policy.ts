import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BUILT_IN_PURPOSES, purposeSchema } from '../privacy/consent/purposes.js';
import { budgetLimitsSchema } from '../privacy/dp/privacy-budget.js';
import { safetyPolicySchema } from '../safety/safety-policy.js';
import { DEFAULT_PROFILE_MAX_LEVEL, type ProfileKind } from '../catalog/viewer-profile.js';
import { calibrationParamsSchema } from '../rerank/calibration.js';
import { explorationSlotParamsSchema } from '../rerank/exploration-slot.js';
import { fairExposureParamsSchema } from '../rerank/fair-exposure.js';
import { mmrParamsSchema } from '../rerank/mmr-diversity.js';
import { popularityDebiasParamsSchema } from '../rerank/popularity-debias.js';
import { exposureRotationParamsSchema } from '../rerank/exposure-rotation.js';
import { tailBoostParamsSchema } from '../rerank/tail-boost.js';
import { monitoringPolicySchema, promotionPolicySchema } from './governance-policy.js';

/**
 * The serving policy: what the pipeline does between the filters and the explanations, and the maturity
 * limits. It is data, not code, so that a reviewer can read what ranks the catalog, and its content hash
 * is the version every decision record names. The rerankers' parameters reuse the rerankers' own schemas
 * (same defaults, same descriptions); `k` is not a policy field: it is the request's limit.
 */

const surfacesSchema = z
  .array(z.enum(['home', 'search', 'detail']))
  .min(1)
  .default(['home', 'search'])
  .describe('the surfaces the reranker runs on (detail pages list similar items, not a personal feed)');

const poolSchema = z
  .int()
  .min(1)
  .max(5000)
  .optional()
  .describe(
    "how many of the best remaining candidates the reranker chooses from (all of them when omitted); a smaller pool bounds how far down the model's order it reaches",
  );

const diversity = z.strictObject({
  kind: z.literal('diversity').describe('MMR over genre similarity (Carbonell & Goldstein 1998)'),
  lambda: mmrParamsSchema.shape.lambda,
  pool: poolSchema,
  surfaces: surfacesSchema,
});
const calibration = z.strictObject({
  kind: z.literal('calibration').describe("Steck 2018: the list's genre mix follows the viewer's history"),
  lambda: calibrationParamsSchema.shape.lambda,
  reorder: z
    .boolean()
    .default(false)
    .describe(
      "show the chosen items in the model's order (the genre mix is a property of the set): the offline benchmark's calibrate+order, which halves the KL at under 2% nDCG loss",
    ),
  pool: poolSchema,
  surfaces: surfacesSchema,
});
const popularityDebias = z.strictObject({
  kind: z.literal('popularity-debias').describe('xQuAD over the short head and the long tail'),
  lambda: popularityDebiasParamsSchema.shape.lambda,
  headShare: popularityDebiasParamsSchema.shape.headShare,
  pool: poolSchema,
  surfaces: surfacesSchema,
});
const tailBoost = z.strictObject({
  kind: z
    .literal('tail-boost')
    .describe(
      'a constant bonus for every long-tail item (xQuAD without the diminishing return): the long-tail share of the list grows with lambda',
    ),
  lambda: tailBoostParamsSchema.shape.lambda,
  headShare: tailBoostParamsSchema.shape.headShare,
  scale: tailBoostParamsSchema.shape.scale,
  relevantPerHistoryItem: tailBoostParamsSchema.shape.relevantPerHistoryItem,
  pool: poolSchema,
  surfaces: surfacesSchema,
});
const exposureRotation = z.strictObject({
  kind: z
    .literal('exposure-rotation')
    .describe(
      'among near-equally relevant candidates, prefer titles this server has shown less (Adomavicius & Kwon 2012): raises catalog coverage',
    ),
  lambda: exposureRotationParamsSchema.shape.lambda,
  halfLifeLists: z
    .int()
    .min(1)
    .max(10_000_000)
    .default(10_000)
    .describe('served lists after which a list counts half in the tally of what was shown'),
  pool: poolSchema,
  surfaces: surfacesSchema,
});
const fairExposure = z.strictObject({
  kind: z
    .literal('fair-exposure')
    .describe("FA*IR prefix constraints for under-represented creators' items, amortized per viewer"),
  target: fairExposureParamsSchema.shape.target,
  alpha: fairExposureParamsSchema.shape.alpha,
  adjustAlpha: fairExposureParamsSchema.shape.adjustAlpha,
  amortize: z
    .boolean()
    .default(true)
    .describe("carry each viewer's exposure shortfall into their next list (per server process)"),
  surfaces: surfacesSchema,
});
const explorationSlot = z.strictObject({
  kind: z.literal('exploration-slot').describe('one labelled "something new for you" pick'),
  slot: explorationSlotParamsSchema.shape.slot,
  usualGenreShare: explorationSlotParamsSchema.shape.usualGenreShare,
  surfaces: surfacesSchema,
});

export const rerankerPolicySchema = z.discriminatedUnion('kind', [
  diversity,
  calibration,
  popularityDebias,
  tailBoost,
  exposureRotation,
  fairExposure,
  explorationSlot,
]);
export type RerankerPolicy = z.output<typeof rerankerPolicySchema>;
export type RerankerKind = RerankerPolicy['kind'];

/**
 * Rerankers that trade the model's scores against an objective over the whole list. Each re-optimizes
 * from the scores, so a second one would undo the first: a policy lists at most one, and it runs first.
 * Fair exposure and the exploration slot take the order they are given and adjust it.
 */
export const SCORE_RERANKERS: readonly RerankerKind[] = [
  'diversity',
  'calibration',
  'popularity-debias',
  'tail-boost',
  'exposure-rotation',
];

const maxLevelSchema = (profile: ProfileKind) =>
  z
    .int()
    .min(0)
    .max(DEFAULT_PROFILE_MAX_LEVEL[profile])
    .default(DEFAULT_PROFILE_MAX_LEVEL[profile])
    .describe(
      `highest audience level (0 all ages .. 5 adults only) a ${profile} profile is shown; at most ` +
        `${DEFAULT_PROFILE_MAX_LEVEL[profile]}: a policy may lower a profile's limit, never raise it`,
    );

const retentionDays = (days: number, what: string) =>
  z
    .int()
    .min(1)
    .max(36_500)
    .default(days)
    .describe(`days ${what} are kept; older ones are purged by \`candor retention run\` and the server`);

export const servingPolicySchema = z.strictObject({
  ranking: z
    .strictObject({
      poolSize: z
        .int()
        .min(10)
        .max(5000)
        .default(200)
        .describe('candidates the model proposes before filters and rerankers choose the list'),
      rerankers: z
        .array(rerankerPolicySchema)
        .max(5)
        .default([])
        .describe('rerankers in the order they run, between the filters and the explanations')
        .superRefine((rerankers, context) => {
          const seen = new Set<string>();
          for (const [at, reranker] of rerankers.entries()) {
            if (seen.has(reranker.kind)) {
              context.addIssue({
                code: 'custom',
                path: [at, 'kind'],
                message: `${reranker.kind} is listed twice`,
              });
            }
            seen.add(reranker.kind);
            if (SCORE_RERANKERS.includes(reranker.kind) && at > 0) {
              context.addIssue({
                code: 'custom',
                path: [at, 'kind'],
                message:
                  `${reranker.kind} re-optimizes from the model's scores, so it must run first and be the ` +
                  `only one of ${SCORE_RERANKERS.join(', ')}`,
              });
            }
          }
        }),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      consentPurposes: z
        .array(purposeSchema)
        .max(20)
        .default([])
        .describe('purposes beyond the built-in four that viewers are asked to consent to')
        .superRefine((purposes, context) => {
          const seen = new Set(BUILT_IN_PURPOSES.map((purpose) => purpose.id));
          for (const [at, purpose] of purposes.entries()) {
            if (seen.has(purpose.id)) {
              context.addIssue({
                code: 'custom',
                path: [at, 'id'],
                message: `purpose '${purpose.id}' is already declared`,
              });
            }
            seen.add(purpose.id);
          }
        }),
      retention: z
        .strictObject({
          rawEventsDays: retentionDays(730, 'viewing events (by the time they occurred)'),
          decisionRecordsDays: retentionDays(365, 'decision records of served lists'),
          feedbackDays: retentionDays(730, 'feedback (thumbs, ratings, not interested)'),
          freeTextDays: retentionDays(
            180,
            'free text viewers wrote (feedback reasons): blanked, the rest kept',
          ),
          sessionsDays: retentionDays(30, 'sign-in sessions after they expired or were revoked'),
        })
        .prefault({}),
      dpBudget: budgetLimitsSchema
        .default({ default: { epsilon: 10, delta: 1e-5 }, datasets: {} })
        .describe(
          'privacy budget per analyst and dataset (viewing, served_lists) for differentially private queries; ' +
            'spends add up (basic composition) and a query past the limit is refused',
        ),
    })
    .prefault({}),
  safety: safetyPolicySchema.describe(
    'what the safety gateway does with each finding on each surface (search, review, ask, outgoing)',
  ),
  maturity: z
    .strictObject({
      maxAudienceLevel: z
        .strictObject({
          kids: maxLevelSchema('kids'),
          teen: maxLevelSchema('teen'),
          adult: maxLevelSchema('adult'),
        })
        .prefault({}),
    })
    .prefault({}),
  promotion: promotionPolicySchema.describe(
    'the promotion gate: what a candidate model must show, and who signs it off, before it serves',
  ),
  monitoring: monitoringPolicySchema.describe(
    'drift and fairness monitoring of the served traffic, and when it alerts',
  ),
});

export type ServingPolicy = z.output<typeof servingPolicySchema>;
export type ServingPolicyInput = z.input<typeof servingPolicySchema>;

/** A parsed policy and its version: the sha256 of its canonical JSON (defaults filled, keys sorted). */
export interface VersionedPolicy {
  readonly policy: ServingPolicy;
  readonly version: string;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Two files that mean the same policy (defaults written out or not, keys in any order) share a version. */
export function policyVersionOf(policy: ServingPolicy): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(canonical(policy)))
    .digest('hex');
  return `policy-${hash.slice(0, 16)}`;
}

export class PolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly { path: string; message: string }[],
  ) {
    super(`${source}: ${problems.map((p) => `${p.path || '(policy)'}: ${p.message}`).join('; ')}`);
    this.name = 'PolicyError';
  }
}

/** Validates a policy value; PolicyError names every bad field by its path (`ranking.rerankers.0.lambda`). */
export function parseServingPolicy(input: unknown, source = 'policy'): VersionedPolicy {
  const result = servingPolicySchema.safeParse(input ?? {});
  if (!result.success) {
    throw new PolicyError(
      source,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const policy = result.data;
  return { policy, version: policyVersionOf(policy) };
}

export const DEFAULT_POLICY: VersionedPolicy = parseServingPolicy({}, 'default policy');
