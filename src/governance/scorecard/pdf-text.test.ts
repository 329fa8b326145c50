import { describe, expect, it } from 'vitest';
import { niceMax } from './charts.js';
import { bestAndWorst } from './audit-figures.js';
import { figure, pdfText, when } from './pdf-text.js';

describe('pdfText', () => {
  it('spells out symbols the standard fonts lack and keeps what they draw', () => {
    expect(pdfText('activity ≤ 23 and ε ≥ 1')).toBe('activity <= 23 and epsilon >= 1');
    expect(pdfText('Zoë – “fair” €5 × 2')).toBe('Zoë – “fair” €5 × 2');
    expect(pdfText('用户 ok')).toBe('?? ok');
  });

  it('formats figures and times for a reader', () => {
    expect(figure(null)).toBe('n/a');
    expect(figure(Number.NaN)).toBe('n/a');
    expect(figure(3)).toBe('3');
    expect(figure(0.12345)).toBe('0.123');
    expect(when('2025-01-31T14:05:09.123Z')).toBe('2025-01-31 14:05 UTC');
  });
});

describe('niceMax', () => {
  it('rounds an axis end up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.37, 0.5, 0.9, 1, 1.2, 3, 7, 240].map(niceMax)).toEqual([0.5, 0.5, 1, 1, 2, 5, 10, 250]);
    expect(niceMax(0)).toBe(1);
  });
});

describe('bestAndWorst', () => {
  const cohort = (errorRate: number) => ({
    description: `e${errorRate}`,
    size: 20,
    sizeShare: 0.1,
    errorRate,
    shareOfError: 0.1,
  });
  it('never lists a cohort as both worst and best, and lists nothing for a single cohort', () => {
    expect(bestAndWorst([cohort(0.5)])).toEqual({ worst: [], best: [] });
    const { worst, best } = bestAndWorst([0.9, 0.8, 0.6, 0.4, 0.3].map(cohort));
    expect(worst.map((c) => c.errorRate)).toEqual([0.9, 0.8, 0.6]);
    expect(best.map((c) => c.errorRate)).toEqual([0.3, 0.4]);
  });
});
