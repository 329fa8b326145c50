import { describe, expect, it } from 'vitest';

import { scoreToxicity, toxicityThresholds } from './toxicity.js';

describe('scoreToxicity', () => {
  it('returns probabilities', () => {
    const scores = scoreToxicity('what a lovely sunny day for a picnic');
    for (const value of Object.values(scores)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('separates an insult from a friendly sentence', () => {
    const thresholds = toxicityThresholds();
    const insult = scoreToxicity('shut up you stupid bitch, you are a worthless piece of shit');
    const friendly = scoreToxicity('Looking forward to the new season of my favourite show with the family');
    expect(insult.toxic).toBeGreaterThanOrEqual(thresholds.toxic);
    expect(friendly.toxic).toBeLessThan(thresholds.toxic);
    expect(insult.toxic).toBeGreaterThan(friendly.toxic);
  });

  it('scores empty text without failing', () => {
    expect(Number.isFinite(scoreToxicity('').toxic)).toBe(true);
  });
});
