import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Finding } from '../finding.js';
import { mergeOverlaps } from './overlaps.js';

/*
 * Keys may be given as Buffers (in-process callers) or base64 strings (an HTTP body); both end up as
 * a Buffer after parsing.
 */
const keySchema = z.union([z.instanceof(Buffer), z.base64().transform((s) => Buffer.from(s, 'base64'))]);

export const anonymizeOperatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('replace'), value: z.string().max(256).optional() }),
  z.object({
    kind: z.literal('mask'),
    char: z.string().length(1).optional(),
    keepLast: z.number().int().min(0).max(64).optional(),
  }),
  z.object({ kind: z.literal('hash'), key: keySchema.optional() }),
  z.object({
    kind: z.literal('encrypt'),
    key: keySchema.refine((k) => k.length === 32, 'encrypt needs a 32-byte AES-256 key'),
  }),
  z.object({ kind: z.literal('keep') }),
]);

/** Operators per PII type, plus `default` for types not listed. */
export const anonymizeOperatorsSchema = z.record(z.string(), anonymizeOperatorSchema);

export type AnonymizeOperator = z.input<typeof anonymizeOperatorSchema>;
export type AnonymizeOperatorKind = AnonymizeOperator['kind'];
export type AnonymizeOperators = Readonly<Record<string, AnonymizeOperator>>;
type ParsedOperator = z.output<typeof anonymizeOperatorSchema>;

export interface AnonymizedItem {
  readonly type: string;
  /** Offsets into the anonymized text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly operator: AnonymizeOperatorKind;
}

export interface AnonymizeResult {
  readonly text: string;
  readonly items: AnonymizedItem[];
}

const HASH_CHARS = 16;
const TOKEN_PREFIX = 'enc:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function mask(original: string, char: string, keepLast: number): string {
  const chars = Array.from(original);
  // Keeping every character would leak the value verbatim; mask all of it instead.
  const keep = keepLast >= chars.length ? 0 : keepLast;
  return char.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}

function hash(original: string, key: Buffer | undefined): string {
  const h = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  return h.update(original, 'utf8').digest('hex').slice(0, HASH_CHARS);
}

function encrypt(original: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(original, 'utf8'), cipher.final()]);
  return TOKEN_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** Reverses an `encrypt` operator's token. Throws if the token is malformed or the key is wrong. */
export function deanonymizeToken(token: string, key: Buffer): string {
  if (!token.startsWith(TOKEN_PREFIX)) throw new Error('not an encrypted PII token');
  const raw = Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted PII token is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

function apply(op: ParsedOperator, type: string, original: string): string {
  switch (op.kind) {
    case 'replace':
      return op.value ?? `<${type.toUpperCase()}>`;
    case 'mask':
      return mask(original, op.char ?? '*', op.keepLast ?? 0);
    case 'hash':
      return hash(original, op.key);
    case 'encrypt':
      return encrypt(original, op.key);
    case 'keep':
      return original;
  }
}

/**
 * Rewrites each PII span with the operator configured for its type (`operators[type]`, else
 * `operators.default`, else a `<TYPE>` placeholder). Overlapping findings are merged first, taking the
 * type of the highest-scoring one. Operators are validated up front so a bad configuration fails
 * before any text is produced.
 */
export function anonymize(
  text: string,
  findings: readonly Finding[],
  operators: AnonymizeOperators = {},
): AnonymizeResult {
  const parsed = new Map<string, ParsedOperator>();
  for (const [type, op] of Object.entries(operators)) parsed.set(type, anonymizeOperatorSchema.parse(op));
  const fallback: ParsedOperator = parsed.get('default') ?? { kind: 'replace' };

  // Building the output left to right is equivalent to replacing from the end (no offset ever refers
  // to already-rewritten text) and yields each item's output offsets directly.
  const parts: string[] = [];
  const items: AnonymizedItem[] = [];
  let cursor = 0;
  let outLength = 0;
  for (const span of mergeOverlaps(findings, text.length)) {
    const before = text.slice(cursor, span.start);
    const op = parsed.get(span.type) ?? fallback;
    const replacement = apply(op, span.type, text.slice(span.start, span.end));
    parts.push(before, replacement);
    const start = outLength + before.length;
    outLength = start + replacement.length;
    items.push({ type: span.type, start, end: outLength, operator: op.kind });
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), items };
}
