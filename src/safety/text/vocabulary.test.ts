import { describe, expect, it } from 'vitest';
import { createVocabulary, segmentWords } from './vocabulary.js';

const vocabulary = createVocabulary(['kill', 'yourself', 'administrator', 'ignore', 'rules']);

describe('segmentWords', () => {
  it('cuts a run of letters into the fewest known words', () => {
    expect(segmentWords('killyourself', vocabulary)).toEqual([4]);
    expect(segmentWords('administratori', vocabulary)).toEqual([13]);
    expect(segmentWords('ignoretherules', vocabulary)).toEqual([6, 9]);
  });

  it('leaves a word, or letters that are no words, as they are', () => {
    expect(segmentWords('ignore', vocabulary)).toBeUndefined();
    expect(segmentWords('usa', vocabulary)).toBeUndefined();
    // One-letter words other than "a" and "i" would cut anything anywhere.
    expect(segmentWords('ltext', vocabulary)).toBeUndefined();
  });
});

describe('createVocabulary', () => {
  it('knows targets and ordinary words of every covered language apart', () => {
    expect(vocabulary.isTarget('kill')).toBe(true);
    expect(vocabulary.isTarget('the')).toBe(false);
    expect(vocabulary.isWord('the')).toBe(true);
    expect(vocabulary.isWord('und')).toBe(true);
    expect(vocabulary.isWord('ign')).toBe(false);
  });
});
