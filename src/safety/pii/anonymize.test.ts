import { describe, expect, it } from 'vitest';
import { type Finding } from '../finding.js';
import { anonymize, anonymizeOperatorSchema, deanonymizeToken, type AnonymizeOperator } from './anonymize.js';
import { detectPii } from './detect-pii.js';
import { generatePiiCorpus } from './synthetic-pii.js';

const KEY = Buffer.alloc(32, 7);
const text = 'Mail anna@example.org, card 4111 1111 1111 1111.';

describe('anonymize', () => {
  it('replaces with a type placeholder by default and reports output offsets', () => {
    const out = anonymize(text, detectPii(text));
    expect(out.text).toBe('Mail <EMAIL>, card <CREDIT_CARD>.');
    expect(out.items.map((i) => out.text.slice(i.start, i.end))).toEqual(['<EMAIL>', '<CREDIT_CARD>']);
    expect(out.items.map((i) => [i.type, i.operator])).toEqual([
      ['email', 'replace'],
      ['credit_card', 'replace'],
    ]);
  });

  it('applies per-type operators with a default; mask keeps the last 4', () => {
    const out = anonymize(text, detectPii(text), {
      credit_card: { kind: 'mask', keepLast: 4 },
      default: { kind: 'replace', value: '[redacted]' },
    });
    expect(out.text).toBe('Mail [redacted], card ***************1111.');
    const card = out.items[1];
    expect(card && out.text.slice(card.start, card.end)).toBe('***************1111');
  });

  it('masks everything when keepLast would keep the whole value', () => {
    const t = 'a@b.io';
    expect(anonymize(t, detectPii(t), { default: { kind: 'mask', char: '#', keepLast: 10 } }).text).toBe(
      '######',
    );
  });

  it('hash is stable, 16 hex chars, and keyed', () => {
    const plain = anonymize(text, detectPii(text), { default: { kind: 'hash' } });
    const again = anonymize(text, detectPii(text), { default: { kind: 'hash' } });
    const keyed = anonymize(text, detectPii(text), { default: { kind: 'hash', key: KEY } });
    const otherKey = anonymize(text, detectPii(text), {
      default: { kind: 'hash', key: Buffer.alloc(32, 8) },
    });
    expect(plain.text).toBe(again.text);
    expect(plain.text).toMatch(/^Mail [0-9a-f]{16}, card [0-9a-f]{16}\.$/);
    expect(keyed.text).not.toBe(plain.text);
    expect(keyed.text).not.toBe(otherKey.text);
  });

  it('encrypt round-trips through deanonymizeToken and fails with the wrong key', () => {
    const out = anonymize(text, detectPii(text), { default: { kind: 'encrypt', key: KEY } });
    const tokens = out.items.map((i) => out.text.slice(i.start, i.end));
    expect(tokens.every((t) => t.startsWith('enc:'))).toBe(true);
    expect(tokens.map((t) => deanonymizeToken(t, KEY))).toEqual(['anna@example.org', '4111 1111 1111 1111']);
    expect(() => deanonymizeToken(tokens[0] ?? '', Buffer.alloc(32, 1))).toThrow();
    expect(() => deanonymizeToken('enc:AAAA', KEY)).toThrow();
    expect(() => deanonymizeToken('nope', KEY)).toThrow();
  });

  it('keep leaves the text but still reports the item', () => {
    const out = anonymize(text, detectPii(text), { email: { kind: 'keep' } });
    expect(out.text).toBe('Mail anna@example.org, card <CREDIT_CARD>.');
    expect(out.items[0]).toEqual({ type: 'email', start: 5, end: 21, operator: 'keep' });
  });

  it('merges overlapping findings first, typed by the best score', () => {
    const t = '0123456789abcdef';
    const findings: Finding[] = [
      { kind: 'pii', type: 'phone', span: { start: 2, end: 8 }, score: 0.7, detector: 'pii.phone' },
      { kind: 'pii', type: 'iban', span: { start: 6, end: 12 }, score: 0.9, detector: 'pii.iban' },
      { kind: 'pii', type: 'email', span: { start: 14, end: 16 }, score: 0.9, detector: 'pii.email' },
    ];
    const out = anonymize(t, findings);
    expect(out.text).toBe('01<IBAN>cd<EMAIL>');
    expect(out.items).toEqual([
      { type: 'iban', start: 2, end: 8, operator: 'replace' },
      { type: 'email', start: 10, end: 17, operator: 'replace' },
    ]);
  });

  it('validates operators with the exported schema', () => {
    expect(() => anonymize(text, [], { default: { kind: 'encrypt', key: Buffer.alloc(16) } })).toThrow();
    expect(() => anonymize(text, [], { default: { kind: 'mask', char: '**' } })).toThrow();
    expect(anonymizeOperatorSchema.safeParse({ kind: 'shred' }).success).toBe(false);
    const fromJson = anonymizeOperatorSchema.parse({ kind: 'hash', key: KEY.toString('base64') });
    expect(fromJson.kind === 'hash' && fromJson.key?.equals(KEY)).toBe(true);
  });

  it('never leaves a detected span in the output for replace, mask, hash or encrypt', () => {
    const operators: AnonymizeOperator[] = [
      { kind: 'replace' },
      { kind: 'mask', keepLast: 4 },
      { kind: 'hash', key: KEY },
      { kind: 'encrypt', key: KEY },
    ];
    const corpus = generatePiiCorpus(11, 300).filter((s) => !s.benign);
    let checked = 0;
    for (const sample of corpus) {
      const findings = detectPii(sample.text);
      for (const op of operators) {
        const out = anonymize(sample.text, findings, { default: op });
        for (const f of findings) {
          const original = sample.text.slice(f.span?.start, f.span?.end);
          expect(out.text.includes(original), `${op.kind} leaked ${f.type}`).toBe(false);
          checked++;
        }
        for (const item of out.items) expect(item.end).toBeLessThanOrEqual(out.text.length);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
