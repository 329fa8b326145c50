/**
 * Lowercase look-alikes folded to the Latin letter a reader sees. Only letters that render (nearly)
 * identically in common fonts: folding more would merge genuinely different words in those scripts,
 * and this table only has to defeat "раypal"-style evasions. Typographic quotes fold to ASCII so
 * phrase lexicons can spell "i'll" once.
 */
export const CONFUSABLES: ReadonlyMap<string, string> = new Map([
  // Cyrillic
  ['а', 'a'],
  ['в', 'b'],
  ['е', 'e'],
  ['ё', 'e'],
  ['к', 'k'],
  ['м', 'm'],
  ['н', 'h'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['т', 't'],
  ['у', 'y'],
  ['х', 'x'],
  ['і', 'i'],
  ['ї', 'i'],
  ['ј', 'j'],
  ['ѕ', 's'],
  ['ԁ', 'd'],
  ['һ', 'h'],
  ['ԛ', 'q'],
  ['ԝ', 'w'],
  ['ɡ', 'g'],
  ['ӏ', 'l'],
  ['ь', 'b'],
  // Greek
  ['α', 'a'],
  ['β', 'b'],
  ['γ', 'y'],
  ['ε', 'e'],
  ['η', 'n'],
  ['ι', 'i'],
  ['κ', 'k'],
  ['ν', 'v'],
  ['ο', 'o'],
  ['ρ', 'p'],
  ['τ', 't'],
  ['υ', 'u'],
  ['χ', 'x'],
  ['ω', 'w'],
  ['ς', 'c'],
  ['μ', 'u'],
  // Latin look-alikes NFKC leaves alone
  ['ƒ', 'f'],
  ['ɑ', 'a'],
  ['ı', 'i'],
  ['ɩ', 'i'],
  ['ʋ', 'v'],
  ['ꞵ', 'b'],
  ['ß', 'ss'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ł', 'l'],
  ['ħ', 'h'],
  // punctuation
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u02bc', "'"],
  ['\u2032', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2013', '-'],
  ['\u2014', '-'],
]);

/** Code points of the non-Latin letters in CONFUSABLES, for mixed-script detection. */
export function isConfusableLetter(ch: string): boolean {
  return CONFUSABLES.has(ch.toLowerCase()) && /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch);
}
