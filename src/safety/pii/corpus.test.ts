import { describe, expect, it } from 'vitest';
import { scorePiiCorpus } from './corpus-metrics.js';
import { detectPii } from './detect-pii.js';
import { generatePiiCorpus } from './synthetic-pii.js';

describe('synthetic PII corpus', () => {
  const corpus = generatePiiCorpus(7, 2000);

  it('is deterministic for a seed and spans are exact', () => {
    expect(generatePiiCorpus(7, 50)).toEqual(corpus.slice(0, 50));
    expect(generatePiiCorpus(8, 50)).not.toEqual(corpus.slice(0, 50));
    for (const s of corpus) {
      for (const e of s.expected) {
        expect(e.end).toBeGreaterThan(e.start);
        expect(s.text.slice(e.start, e.end).trim()).toBe(s.text.slice(e.start, e.end));
      }
    }
    expect(corpus.filter((s) => s.benign).length).toBeGreaterThan(500);
  });

  it('meets recall >= 0.95 per structured type and precision >= 0.95 on benign text', () => {
    const metrics = scorePiiCorpus(corpus, (text) => detectPii(text));
    for (const type of ['email', 'phone', 'credit_card', 'iban', 'ip_address']) {
      const m = metrics.byType[type];
      expect(m?.truePositives, type).toBeGreaterThan(50);
      expect(m?.recall, type).toBeGreaterThanOrEqual(0.95);
      expect(m?.precision, type).toBeGreaterThanOrEqual(0.95);
    }
    for (const type of [
      'mac_address',
      'us_ssn',
      'uk_nhs',
      'ca_sin',
      'nl_bsn',
      'es_nif',
      'in_aadhaar',
      'fr_nir',
    ]) {
      expect(metrics.byType[type]?.recall, type).toBeGreaterThanOrEqual(0.9);
    }
    expect(metrics.benignClean).toBeGreaterThanOrEqual(0.95);
    expect(metrics.precision).toBeGreaterThanOrEqual(0.95);
  });
});
