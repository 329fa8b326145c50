import { describe, expect, it } from 'vitest';
import { buildPhraseMatcher } from './aho-corasick.js';

const found = (patterns: string[], text: string, bounds?: { start: boolean; end: boolean }[]) =>
  buildPhraseMatcher(patterns, bounds)
    .matchAll(text)
    .map((m) => `${patterns[m.pattern]}@${m.start}-${m.end}`);

describe('buildPhraseMatcher', () => {
  it('finds overlapping patterns through failure links (he, she, his, hers)', () => {
    const anywhere = [0, 1, 2, 3].map(() => ({ start: false, end: false }));
    expect(found(['he', 'she', 'his', 'hers'], 'ushers', anywhere)).toEqual([
      'she@1-4',
      'he@2-4',
      'hers@2-6',
    ]);
  });

  it('keeps whole words by default and honours per-pattern bounds', () => {
    expect(found(['ass'], 'a class act, ass')).toEqual(['ass@13-16']);
    expect(found(['ass'], 'bass assess', [{ start: false, end: true }])).toEqual(['ass@1-4']);
    expect(found(['ass'], 'bass assess', [{ start: true, end: false }])).toEqual(['ass@5-8']);
  });

  it('matches patterns with non-ASCII units and restarts after characters no pattern has', () => {
    expect(found(['café noir', 'noir'], 'un café noir, noir')).toEqual([
      'café noir@3-12',
      'noir@8-12',
      'noir@14-18',
    ]);
    // € is in no pattern (back to the root) and is not a letter, so it bounds a word.
    expect(found(['abc'], 'abxabc ab€abc')).toEqual(['abc@10-13']);
    expect(found(['abc'], 'abx abc ab€ abc')).toEqual(['abc@4-7', 'abc@12-15']);
  });
});
