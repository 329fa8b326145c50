import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from './normalize.js';

describe('normalize', () => {
  it.each([
    ['Hello World', 'hello world'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['k\u200bi\u200dl\u2060l', 'kill'],
    ['раураl', 'paypal'],
    ['ѕtοp', 'stop'],
    ['sh1t h4t3 k1ll @ss $ucks', 'shit hate kill ass sucks'],
    ['room 101 costs $5 in 1990s, 5th row, 4k', 'room 101 costs $5 in 1990s, 5th row, 4k'],
    ['k i l l you', 'kill you'],
    ['k.i.l.l', 'kill'],
    ['k-i-l-l me', 'kill me'],
    ['I a m', 'i a m'.replace('i a m', 'iam')],
    ['I am a fan', 'i am a fan'],
    ['diiiie nowwww', 'die now'],
    ['kill too bass', 'kill too bass'],
    ['café naïve', 'cafe naive'],
    ['ﬁlm', 'film'],
    ['tabs\t\tand   spaces', 'tabs and spaces'],
    ['line\r\n\nbreak', 'line\nbreak'],
    ['I’ll', "i'll"],
  ])('%j → %j', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('keeps case when asked, folding homoglyphs to the matching case', () => {
    expect(normalize('ΡayPal Ѕ3CRET', { preserveCase: true }).text).toBe('PayPal SECRET');
  });

  it('maps every normalized char to the original index it came from', () => {
    const input = 'a\u200bＢc';
    const n = normalize(input);
    expect(n.text).toBe('abc');
    expect([...n.map]).toEqual([0, 2, 3]);
  });

  it('maps spans back through astral characters and stripped combining marks', () => {
    const input = '😀 kïll';
    const n = normalize(input);
    const at = n.text.indexOf('kill');
    expect(originalSpan(input, n, at, at + 4)).toEqual({ start: 3, end: input.length });
    expect(input.slice(3)).toBe('kïll');
  });

  it('property: spans of a word survive random zero-width insertions', () => {
    const invisibles = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u{e0041}', '\u202e'];
    const alphabet = 'abcdefghij klmnop';
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      let prefix = '';
      for (let i = rand(20); i > 0; i--) prefix += alphabet[rand(alphabet.length)];
      const word = 'target';
      let noisy = '';
      for (const ch of word) noisy += ch + (rand(3) === 0 ? (invisibles[rand(invisibles.length)] ?? '') : '');
      const input = `${prefix} ${noisy} tail`;
      const n = normalize(input);
      const at = n.text.indexOf(` ${word} `);
      expect(at, `round ${round}: ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(0);
      const span = originalSpan(input, n, at + 1, at + 1 + word.length);
      const slice = input.slice(span.start, span.end);
      expect(slice.replace(/[\u200b-\u200d\u2060\ufeff\u00ad\u202e]|\u{e0041}/gu, '')).toBe(word);
      // The map is monotone and in range.
      for (let i = 1; i < n.map.length; i++) expect(n.map[i]).toBeGreaterThanOrEqual(n.map[i - 1] ?? 0);
      expect(n.map.length).toBe(n.text.length);
    }
  });
});
