import { describe, expect, it } from 'vitest';
import { type HarmCategory, HARM_CATEGORIES } from '../finding.js';
import { detectHarm } from './detect-harm.js';
import { HARM_TABLE as TABLE, inBand } from './harm-table.fixture.js';

describe('detectHarm', () => {
  const results = TABLE.map(([text, expected]) => {
    const { categories } = detectHarm(text);
    const got = Object.fromEntries(categories.map((c) => [c.category, c.severity])) as Record<
      HarmCategory,
      number
    >;
    return { text, expected, got };
  });

  it('has a table of at least 60 labelled sentences', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  for (const category of HARM_CATEGORIES) {
    it(`${category}: accuracy over the table is at least 0.9`, () => {
      const misses = results.filter((r) => !inBand(r.got[category], r.expected[category] ?? 'safe'));
      const accuracy = 1 - misses.length / results.length;
      expect(
        accuracy,
        `misses: ${misses.map((m) => `${JSON.stringify(m.text)} → ${m.got[category]}`).join('; ')}`,
      ).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('reports spans in the original text, never the text itself', () => {
    const text = 'Ok. I will k\u200bi\u200bl\u200bl you';
    const { findings } = detectHarm(text);
    const violence = findings.find((f) => f.type === 'violence');
    expect(violence).toMatchObject({ kind: 'harm', severity: 6, detector: 'harm-lexicon' });
    expect(text.slice(violence?.span?.start, violence?.span?.end).replace(/\u200b/g, '')).toBe('kill');
    expect(JSON.stringify(findings)).not.toContain('kill');
  });

  it.each([
    ['spaced out', 'k i l l  y o u r s e l f', 'self_harm'],
    ['spaced out, one separator throughout', 'just k i l l y o u r s e l f', 'self_harm'],
    ['cut up', 'You are worthless, j*u*s*t k ill y . o . u . r . s . e . l . f', 'self_harm'],
    ['in leetspeak', 'P30pl3 0f 7hat r31!9!0n 4r3 su8hum@n f!17h 4nd de53rve 70 83 w1ped ou7.', 'violence'],
    [
      'stored backwards under bidi overrides',
      '\u202eenoemoS\u202c \u202edluohs\u202c \u202etoohs\u202c \u202emih\u202c',
      'violence',
    ],
    ['behind markdown emphasis', '**Note:** _Someone should shoot him._', 'violence'],
  ])('sees through words %s', (_how, text, category) => {
    const found = detectHarm(text).categories.find((c) => c.category === category);
    expect(found?.severity).toBeGreaterThanOrEqual(4);
  });

  it.each([
    'The pen is mightier than the sword.',
    'X-Men and Malcolm X, a double bill',
    'a k i l l e r soundtrack',
  ])('does not read harm into %j', (text) => {
    expect(Math.max(...detectHarm(text).categories.map((c) => c.severity))).toBeLessThan(4);
  });

  it('returns all four categories, safe text at 0 with no findings', () => {
    expect(detectHarm('A quiet film about a lighthouse keeper')).toEqual({
      categories: HARM_CATEGORIES.map((category) => ({ category, severity: 0 })),
      findings: [],
    });
  });

  it('blends the classifier: high hate probability sets a floor, toxicity lifts existing hits', () => {
    const hateful = detectHarm('those people again', { toxicity: () => ({ toxic: 0.95, hate: 0.93 }) });
    expect(hateful.categories.find((c) => c.category === 'hate')?.severity).toBe(3);
    expect(hateful.findings).toContainEqual(
      expect.objectContaining({ kind: 'harm', type: 'hate', severity: 3, detector: 'harm-classifier' }),
    );
    const fairlySure = detectHarm('those people again', { toxicity: () => ({ toxic: 0.85, hate: 0.8 }) });
    expect(fairlySure.categories.find((c) => c.category === 'hate')?.severity).toBe(2);
    // A hate score without a toxic one is the head drifting off its domain: it counts for nothing.
    const mild = detectHarm('those people again', { toxicity: () => ({ toxic: 0.1, hate: 0.95 }) });
    expect(mild.categories.find((c) => c.category === 'hate')?.severity).toBe(0);
    const boosted = detectHarm('He was murdered in 1920', { toxicity: () => ({ toxic: 0.9, hate: 0 }) });
    expect(boosted.categories.find((c) => c.category === 'violence')?.severity).toBe(4);
    const ignored = detectHarm('I will kill you', { toxicity: () => ({ toxic: 0, hate: 0 }) });
    expect(ignored.categories.find((c) => c.category === 'violence')?.severity).toBe(6);
  });
});
