import { z } from 'zod';
import type { Finding } from '../../../safety/finding.js';
import { anonymize, type AnonymizeOperator } from '../../../safety/pii/anonymize.js';
import { detectPii } from '../../../safety/pii/detect-pii.js';
import { PII_TYPES } from '../../../safety/pii/recognizer.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const MAX_TEXT = 50_000;

/** Candor's PII types under Presidio's entity names, so Presidio clients read the results unchanged. */
export const PRESIDIO_ENTITIES: Record<string, string> = {
  email: 'EMAIL_ADDRESS',
  phone: 'PHONE_NUMBER',
  credit_card: 'CREDIT_CARD',
  iban: 'IBAN_CODE',
  ip_address: 'IP_ADDRESS',
  mac_address: 'MAC_ADDRESS',
  us_ssn: 'US_SSN',
  uk_nhs: 'UK_NHS',
  ca_sin: 'CA_SIN',
  nl_bsn: 'NL_BSN',
  es_nif: 'ES_NIF',
  in_aadhaar: 'IN_AADHAAR',
  fr_nir: 'FR_NIR',
  url: 'URL',
  street_address: 'STREET_ADDRESS',
  person_name: 'PERSON',
};
const TYPE_OF = Object.fromEntries(Object.entries(PRESIDIO_ENTITIES).map(([ours, theirs]) => [theirs, ours]));
const ENTITY_NAMES = Object.values(PRESIDIO_ENTITIES) as [string, ...string[]];

const recognizerResult = z.object({
  entity_type: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  score: z.number(),
});

const analyzeBody = z.strictObject({
  text: z.string().min(1).max(MAX_TEXT),
  language: z.literal('en').default('en').describe('only English context words are known'),
  entities: z.array(z.enum(ENTITY_NAMES)).optional(),
  score_threshold: z.number().min(0).max(1).default(0.4),
});

/** Presidio's operator configurations (type + its parameters). */
const operatorConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('replace'), new_value: z.string().max(256).optional() }),
  z.strictObject({ type: z.literal('redact') }),
  z.strictObject({
    type: z.literal('mask'),
    masking_char: z.string().length(1).default('*'),
    chars_to_mask: z.number().int().min(0).max(10_000),
    from_end: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('hash'), hash_type: z.enum(['sha256']).default('sha256') }),
  z.strictObject({
    type: z.literal('encrypt'),
    key: z.string().describe('32 bytes: a 32-character string or base64 of 32 bytes (AES-256-GCM)'),
  }),
  z.strictObject({ type: z.literal('keep') }),
]);
type OperatorConfig = z.infer<typeof operatorConfig>;

const anonymizeBody = z.strictObject({
  text: z.string().min(1).max(MAX_TEXT),
  analyzer_results: z
    .array(recognizerResult)
    .max(10_000)
    .optional()
    .describe('from pii:analyze; Candor analyzes when absent'),
  anonymizers: z.record(z.string(), operatorConfig).default({}).describe('per entity type, and DEFAULT'),
});

function keyOf(text: string): Buffer {
  const raw = Buffer.from(text, 'utf8');
  if (raw.length === 32) return raw;
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length === 32) return decoded;
  throw new HttpError(400, {
    type: 'invalid-request',
    detail: 'an encrypt key must be 32 bytes: 32 characters, or base64 of 32 bytes',
    field: 'anonymizers.key',
  });
}

function operatorFor(config: OperatorConfig, entity: string, original: string): AnonymizeOperator {
  switch (config.type) {
    case 'replace':
      return { kind: 'replace', value: config.new_value ?? `<${entity}>` };
    case 'redact':
      return { kind: 'replace', value: '' };
    case 'mask': {
      const length = Array.from(original).length;
      const masked = Math.min(config.chars_to_mask, length);
      // Presidio masks the first n characters unless from_end. Candor's operator keeps a suffix, so a
      // kept prefix (from_end) cannot be expressed: the whole span is masked instead, never less.
      return { kind: 'mask', char: config.masking_char, keepLast: config.from_end ? 0 : length - masked };
    }
    case 'hash':
      return { kind: 'hash' };
    case 'encrypt':
      return { kind: 'encrypt', key: keyOf(config.key) };
    case 'keep':
      return { kind: 'keep' };
  }
}

/** Personal data detection and anonymization in the shape of Presidio's analyzer and anonymizer APIs. */
export function registerPiiRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/safety/pii::analyze',
    {
      config: { access: { permission: 'safety:analyze' } },
      schema: {
        summary: 'Find personal data in a text (Presidio analyzer shape): entity type, span and score',
        tags: ['safety'],
        body: analyzeBody,
        response: { 200: z.array(recognizerResult) },
      },
    },
    async (request) => {
      const { text, entities, score_threshold: minScore } = request.body;
      const types = entities ? entities.map((entity) => TYPE_OF[entity] as string) : [...PII_TYPES];
      const findings = detectPii(text, { types, minScore });
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'safety.pii_analyze',
        outcome: 'success',
        detail: { length: text.length, found: findings.length },
      });
      return findings.map(toResult);
    },
  );

  app.post(
    '/v1/safety/pii::anonymize',
    {
      config: { access: { permission: 'safety:analyze' } },
      schema: {
        summary:
          'Rewrite personal data spans: replace, redact, mask, hash, encrypt or keep (Presidio anonymizer shape)',
        tags: ['safety'],
        body: anonymizeBody,
        response: {
          200: z.object({
            text: z.string(),
            items: z.array(
              z.object({
                start: z.number(),
                end: z.number(),
                entity_type: z.string(),
                text: z.string(),
                operator: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { text, anonymizers } = request.body;
      const results = request.body.analyzer_results ?? detectPii(text).map(toResult);
      results.forEach((result, index) => {
        if (result.end > text.length || result.start >= result.end) {
          throw new HttpError(400, {
            type: 'invalid-request',
            detail: `analyzer result ${index} spans ${result.start}..${result.end}, outside the text (${text.length} characters)`,
            field: `analyzer_results.${index}`,
          });
        }
      });
      // One label per span, so each span gets its own operator (a mask's length depends on the span).
      const findings: Finding[] = results.map((result, index) => ({
        kind: 'pii',
        type: `${result.entity_type}#${index}`,
        span: { start: result.start, end: result.end },
        score: result.score,
        detector: 'request',
      }));
      const operators: Record<string, AnonymizeOperator> = {};
      results.forEach((result, index) => {
        const config = anonymizers[result.entity_type] ?? anonymizers.DEFAULT ?? { type: 'replace' as const };
        operators[`${result.entity_type}#${index}`] = operatorFor(
          config,
          result.entity_type,
          text.slice(result.start, result.end),
        );
      });
      const rewritten = anonymize(text, findings, operators);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'safety.pii_anonymize',
        outcome: 'success',
        detail: { length: text.length, spans: rewritten.items.length },
      });
      return {
        text: rewritten.text,
        items: rewritten.items.map((item) => ({
          start: item.start,
          end: item.end,
          entity_type: item.type.split('#')[0] as string,
          text: rewritten.text.slice(item.start, item.end),
          operator: item.operator === 'replace' && item.start === item.end ? 'redact' : item.operator,
        })),
      };
    },
  );
}

function toResult(finding: Finding) {
  return {
    entity_type: PRESIDIO_ENTITIES[finding.type] ?? finding.type.toUpperCase(),
    start: finding.span?.start ?? 0,
    end: finding.span?.end ?? 0,
    score: Number(finding.score.toFixed(4)),
  };
}
