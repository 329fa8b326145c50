import { z } from 'zod';
import { HARM_CATEGORIES, type HarmCategory } from './finding.js';

/** Where text crosses the gateway: what viewers type (search, review, ask) and what Candor shows. */
export const SAFETY_SURFACES = ['search', 'review', 'ask', 'outgoing'] as const;
export type SafetySurface = (typeof SAFETY_SURFACES)[number];

export const SAFETY_ACTIONS = ['allow', 'redact', 'block'] as const;
export type SafetyAction = (typeof SAFETY_ACTIONS)[number];

const severity = z.number().int().min(0).max(8);

/** How a redacted span is rewritten. `encrypt` uses the server's redaction key, never one from the policy. */
export const redactionOperatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('replace'), value: z.string().max(64).optional() }),
  z.strictObject({
    kind: z.literal('mask'),
    char: z.string().length(1).optional(),
    keepLast: z.number().int().min(0).max(8).optional(),
  }),
  z.strictObject({ kind: z.literal('hash') }),
  z.strictObject({ kind: z.literal('encrypt') }),
]);
export type RedactionOperator = z.infer<typeof redactionOperatorSchema>;

const piiRuleSchema = z.strictObject({
  action: z.enum(SAFETY_ACTIONS),
  operator: redactionOperatorSchema.default({ kind: 'replace' }),
});
export type PiiRule = z.infer<typeof piiRuleSchema>;

function surfaceSchema(defaults: {
  harmBlockAt: Record<HarmCategory, number>;
  profanity: SafetyAction;
  promptAttack: 'allow' | 'block';
  pii: SafetyAction;
}) {
  return z
    .strictObject({
      harmBlockAt: z
        .strictObject(
          Object.fromEntries(
            HARM_CATEGORIES.map((category) => [
              category,
              severity
                .default(defaults.harmBlockAt[category])
                .describe(`block when ${category} severity reaches this (0-7; 8 never blocks)`),
            ]),
          ) as Record<HarmCategory, z.ZodDefault<typeof severity>>,
        )
        .prefault({}),
      profanity: z.enum(SAFETY_ACTIONS).default(defaults.profanity).describe('redact masks the word'),
      promptAttack: z
        .enum(['allow', 'block'])
        .default(defaults.promptAttack)
        .describe('jailbreaks in the text, or instructions injected into documents passed with it'),
      hidden: z
        .enum(SAFETY_ACTIONS)
        .default('redact')
        .describe('invisible, zero-width, bidi-override and control characters; redact strips them'),
      blocklist: z.enum(['redact', 'block']).default('block').describe('terms curators listed'),
      pii: z
        .strictObject({
          default: piiRuleSchema.prefault({ action: defaults.pii }),
          byType: z
            .record(z.string(), piiRuleSchema)
            .default({
              credit_card: { action: defaults.pii, operator: { kind: 'mask', keepLast: 4 } },
              phone: { action: defaults.pii, operator: { kind: 'mask', keepLast: 2 } },
            })
            .describe('rules per PII type (email, phone, credit_card, iban, ...), replacing the default'),
          minScore: z.number().min(0).max(1).default(0.5),
        })
        .prefault({}),
    })
    .prefault({});
}

const REVIEW_HARM = { hate: 4, sexual: 4, violence: 4, self_harm: 4 };

/**
 * What each finding does on each surface. Defaults: what viewers type is blocked from medium severity on;
 * text Candor shows (synopses, others' reviews) only from high severity, since a war film's synopsis
 * legitimately describes violence; personal data is redacted everywhere, cards and phones masked.
 */
export const safetyPolicySchema = z
  .strictObject({
    provider: z
      .enum(['local', 'azure'])
      .default('local')
      .describe('who judges harm and prompt attacks: the built-in detectors or Azure AI Content Safety'),
    surfaces: z
      .strictObject({
        search: surfaceSchema({
          harmBlockAt: REVIEW_HARM,
          profanity: 'redact',
          promptAttack: 'allow',
          pii: 'redact',
        }),
        review: surfaceSchema({
          harmBlockAt: REVIEW_HARM,
          profanity: 'redact',
          promptAttack: 'block',
          pii: 'redact',
        }),
        ask: surfaceSchema({
          harmBlockAt: REVIEW_HARM,
          profanity: 'redact',
          promptAttack: 'block',
          pii: 'redact',
        }),
        outgoing: surfaceSchema({
          harmBlockAt: { hate: 6, sexual: 6, violence: 6, self_harm: 6 },
          profanity: 'allow',
          promptAttack: 'block',
          pii: 'redact',
        }),
      })
      .prefault({}),
  })
  .prefault({});

export type SafetyPolicy = z.output<typeof safetyPolicySchema>;
export type SurfacePolicy = SafetyPolicy['surfaces'][SafetySurface];

/** The built-in policy, for callers that run outside a server (CLI evaluation, benchmarks). */
export const DEFAULT_SAFETY_POLICY: SafetyPolicy = safetyPolicySchema.parse({});
