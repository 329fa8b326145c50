import { describe, expect, it } from 'vitest';
import { type Finding } from '../finding.js';
import { detectPii } from './detect-pii.js';
import { resolveOverlaps } from './overlaps.js';
import { PII_TYPES } from './recognizer.js';

const typed = (text: string, findings: Finding[]): string[] =>
  findings.map((f) => `${f.type}:${text.slice(f.span?.start, f.span?.end)}`);

const finding = (type: string, start: number, end: number, score: number): Finding => ({
  kind: 'pii',
  type,
  span: { start, end },
  score,
  detector: `pii.${type}`,
});

describe('detectPii', () => {
  it('reports each PII item once, sorted by start, with the finding shape', () => {
    const text =
      'Hi, my name is Anna Ruiz, mail anna.ruiz@example.org or call +44 20 7946 0958; SSN 219-09-9998.';
    const found = detectPii(text);
    expect(typed(text, found)).toEqual([
      'person_name:Anna Ruiz',
      'email:anna.ruiz@example.org',
      'phone:+44 20 7946 0958',
      'us_ssn:219-09-9998',
    ]);
    for (const f of found) {
      expect(f.kind).toBe('pii');
      expect(f.detector).toBe(`pii.${f.type}`);
      expect(PII_TYPES).toContain(f.type);
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(Object.keys(f).sort()).toEqual(['detector', 'kind', 'score', 'span', 'type']);
    }
  });

  it('reports an IBAN or card, not the phone-like digits inside it', () => {
    const text = 'IBAN DE89 3704 0044 0532 0130 00, card 4111 1111 1111 1111';
    expect(typed(text, detectPii(text))).toEqual([
      'iban:DE89 3704 0044 0532 0130 00',
      'credit_card:4111 1111 1111 1111',
    ]);
  });

  it('reports the URL around an e-mail or IP, and an e-mail standing on its own', () => {
    const text = 'https://u:p@host.com/x?e=a@b.com and http://10.0.0.1:8080/admin, write a@b.com';
    expect(typed(text, detectPii(text))).toEqual([
      'url:https://u:p@host.com/x?e=a@b.com',
      'url:http://10.0.0.1:8080/admin',
      'email:a@b.com',
    ]);
  });

  it('prefers an NHS number over a phone when NHS context says so', () => {
    const text = 'My NHS number is 943 476 5919';
    expect(typed(text, detectPii(text))).toEqual(['uk_nhs:943 476 5919']);
  });

  it('filters by type and by minimum score', () => {
    const text = 'mail a@b.com, ref 219099998';
    expect(typed(text, detectPii(text, { types: ['us_ssn'] }))).toEqual([]);
    expect(typed(text, detectPii(text, { types: ['us_ssn'], minScore: 0 }))).toEqual(['us_ssn:219099998']);
    expect(typed(text, detectPii(text, { types: ['email', 'nope'] }))).toEqual(['email:a@b.com']);
    expect(detectPii(text, { minScore: 0.99 })).toEqual([]);
  });

  it('finds nothing in film talk', () => {
    const text =
      'The Godfather (1972) runs 175 min; Jurassic Park is 4.5/5, S02E05 of Dark aired 2019-06-21 at 10:30, ' +
      '$12.99 on Blu-ray, ISBN 978-0-14-044913-6, order #58213-771, top 10 of 1994, version 2.4.1.';
    expect(detectPii(text)).toEqual([]);
  });

  it('handles empty text and text without any PII cheaply', () => {
    expect(detectPii('')).toEqual([]);
    expect(detectPii('just some words '.repeat(500))).toEqual([]);
  });
});

describe('resolveOverlaps', () => {
  it('drops contained findings whatever their score', () => {
    const kept = resolveOverlaps([finding('email', 5, 10, 0.95), finding('url', 0, 20, 0.6)]);
    expect(kept.map((f) => f.type)).toEqual(['url']);
  });

  it('settles partial overlaps by score, then by length', () => {
    expect(resolveOverlaps([finding('a', 0, 10, 0.5), finding('b', 5, 12, 0.9)]).map((f) => f.type)).toEqual([
      'b',
    ]);
    expect(resolveOverlaps([finding('a', 0, 10, 0.7), finding('b', 5, 12, 0.7)]).map((f) => f.type)).toEqual([
      'a',
    ]);
  });

  it('keeps the higher score on identical spans and keeps disjoint findings sorted', () => {
    const kept = resolveOverlaps([
      finding('x', 30, 40, 0.5),
      finding('phone', 0, 12, 0.75),
      finding('uk_nhs', 0, 12, 0.95),
      finding('y', 12, 20, 0.5),
    ]);
    expect(kept.map((f) => f.type)).toEqual(['uk_nhs', 'y', 'x']);
  });
});
