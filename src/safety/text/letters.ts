/** Character classes normalization reasons about, by code point. */

import { codePointClass } from './code-point-class.js';

const isUnicodeLetter = codePointClass(/^\p{L}$/u);

/** Letters of any script; ASCII answered without a regex since it is most of the text. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  return isUnicodeLetter(cp);
}

export function isDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isWordCode(cp: number): boolean {
  return isDigit(cp) || isLetter(cp);
}

/** Digits and symbols evaders write for letters, and the letter each stands for. */
export const ONE = 0x31;
export const LEET: ReadonlyMap<number, number> = new Map([
  [0x30, 0x6f], // 0 → o
  // 1 could be i or l; i is what evaders mean more often (sh1t, k1ll, su1c1de), and a vocabulary,
  // when given, picks l where only that makes a word (shou1d, fi1m).
  [ONE, 0x69],
  [0x33, 0x65], // 3 → e
  [0x34, 0x61], // 4 → a
  [0x35, 0x73], // 5 → s
  [0x37, 0x74], // 7 → t
  [0x38, 0x62], // 8 → b
  [0x39, 0x67], // 9 → g
  [0x40, 0x61], // @ → a
  [0x24, 0x73], // $ → s
]);

/** A character of a token: a letter, digit, or a leet symbol ("@ss", "$hit"). */
export function isTokenChar(cp: number): boolean {
  return cp >= 0 && (isWordCode(cp) || cp === 0x40 || cp === 0x24);
}
