import { mapLetters, textMutation } from '../mutation.js';

/** Latin letters and the Cyrillic (first) or Greek (second) letters drawn the same in most fonts. */
export const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430', '\u03b1'],
  c: ['\u0441', '\u03f2'],
  e: ['\u0435', '\u03b5'],
  i: ['\u0456', '\u03b9'],
  j: ['\u0458'],
  o: ['\u043e', '\u03bf'],
  p: ['\u0440', '\u03c1'],
  s: ['\u0455'],
  x: ['\u0445', '\u03c7'],
  y: ['\u0443', '\u03b3'],
  A: ['\u0410', '\u0391'],
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'],
  S: ['\u0405'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7'],
  Y: ['\u04ae', '\u03a5'],
};

/** Swaps each letter that has a look-alike with probability `rate`. */
export function substituteHomoglyphs(text: string, random: () => number, rate = 0.6): string {
  return mapLetters(text, (letter) => {
    const glyphs = HOMOGLYPHS[letter];
    if (!glyphs || random() >= rate) return letter;
    return glyphs[Math.floor(random() * glyphs.length)] ?? letter;
  });
}

export const homoglyphMutation = textMutation(
  'homoglyph',
  'Latin letters swapped for Cyrillic and Greek look-alikes',
  (text, random) => substituteHomoglyphs(text, random),
);
