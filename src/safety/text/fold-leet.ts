/**
 * Leetspeak: digits and symbols written for letters ("sh1t", "$hou1d", "b!tch") read as the letters,
 * only inside tokens that also hold a letter, so numbers stay numbers.
 */
import type { CodeBuffer } from './code-buffer.js';
import { isLetter, isTokenChar, LEET, ONE } from './letters.js';
import type { Vocabulary } from './vocabulary.js';

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** Numbers with a unit or ordinal ("5th", "2nd", "1990s", "4k", "1080p") are not leetspeak. */
const NUMBER_WITH_SUFFIX =
  /^(?:\d*1st|\d*2nd|\d*3rd|\d+(?:th|s|k|p|d|am|pm|x|h|m|min|fps|gb|mb|kb|hz|khz|mm|cm|km|kg))$/;

const EXCLAMATION = 0x21;

const isLetterLike = (cp: number): boolean => cp >= 0 && (isLetter(cp) || LEET.has(cp));
const inWord = (cp: number): boolean => isLetterLike(cp) || cp === EXCLAMATION;

/**
 * Is the exclamation mark at k an i? Inside a word that has a letter ("b!tch", "r31!9!0n"), or opening
 * a word ("!n the"): punctuation never sits there.
 */
function isLeetExclamation(cps: Int32Array, length: number, k: number): boolean {
  const before = k > 0 ? (cps[k - 1] as number) : -1;
  const after = k + 1 < length ? (cps[k + 1] as number) : -1;
  if (!isLetterLike(after)) return false;
  if (!isLetterLike(before))
    return (before === -1 || before === SPACE || before === NEWLINE) && isLetter(after);
  for (let at = k - 1; at >= 0 && inWord(cps[at] as number); at--)
    if (isLetter(cps[at] as number)) return true;
  for (let at = k + 1; at < length && inWord(cps[at] as number); at++)
    if (isLetter(cps[at] as number)) return true;
  return false;
}

/** Leet digits and symbols become letters, but only inside tokens that already contain a letter. */
export function foldLeet(
  buffer: CodeBuffer,
  preserveCase: boolean,
  vocabulary: Vocabulary | undefined,
): void {
  const { cps, length } = buffer;
  for (let k = 0; k < length; k++) {
    if (cps[k] !== EXCLAMATION || !isLeetExclamation(cps, length, k)) continue;
    const before = k > 0 ? (cps[k - 1] as number) : 0;
    cps[k] = preserveCase && before >= 0x41 && before <= 0x5a ? 0x49 : 0x69;
  }
  pendingNumbers.length = 0;
  let previousFolded = false;
  let i = 0;
  while (i < length) {
    if (!isTokenChar(cps[i] as number)) {
      i++;
      continue;
    }
    let end = i;
    let hasLetter = false;
    let hasLeet = false;
    let hasOne = false;
    let allLeet = true;
    while (end < length && isTokenChar(cps[end] as number)) {
      const cp = cps[end] as number;
      if (isLetter(cp)) {
        hasLetter = true;
        allLeet = false;
      } else if (LEET.has(cp)) {
        hasLeet = true;
        if (cp === ONE) hasOne = true;
      } else allLeet = false;
      end++;
    }
    const folded =
      hasLetter && hasLeet && !NUMBER_WITH_SUFFIX.test(String.fromCodePoint(...cps.subarray(i, end)));
    if (vocabulary !== undefined) {
      if (!hasLetter && allLeet) pendingNumbers.push(i, end);
      else {
        if (pendingNumbers.length > 0) foldLeetNumbers(cps, vocabulary, previousFolded || folded);
        previousFolded = folded;
      }
    }
    if (folded) {
      const ones = hasOne && vocabulary !== undefined ? positionsOfOne(cps, i, end) : undefined;
      let upper = false;
      for (let k = i; k < end; k++) {
        const cp = cps[k] as number;
        const leet = LEET.get(cp);
        if (leet === undefined) {
          if (isLetter(cp)) upper = cp >= 0x41 && cp <= 0x5a;
          continue;
        }
        cps[k] = preserveCase && upper ? leet - 0x20 : leet;
      }
      if (ones !== undefined && vocabulary !== undefined) readOnesAsL(cps, i, end, ones, vocabulary);
    }
    i = end;
  }
  if (vocabulary !== undefined && pendingNumbers.length > 0) foldLeetNumbers(cps, vocabulary, previousFolded);
}

/** Start and end of each token of leet digits alone since the last word, in pairs. */
const pendingNumbers: number[] = [];

/**
 * "de53rve 70 83 wiped": a token of leet digits alone is a word ("to", "be") when it is one and a
 * word beside it was written in leetspeak (`besideLeet`); anywhere else it is a number.
 */
function foldLeetNumbers(cps: Int32Array, vocabulary: Vocabulary, besideLeet: boolean): void {
  const pairs = pendingNumbers.splice(0);
  if (!besideLeet) return;
  for (let p = 0; p < pairs.length; p += 2) {
    const start = pairs[p] as number;
    const end = pairs[p + 1] as number;
    const original = cps.slice(start, end);
    for (let k = start; k < end; k++) cps[k] = LEET.get(cps[k] as number) ?? (cps[k] as number);
    const word = () => String.fromCodePoint(...cps.subarray(start, end));
    if (vocabulary.isWord(word())) continue;
    const ones: number[] = [];
    for (let k = start; k < end; k++) if (original[k - start] === ONE) ones.push(k);
    if (ones.length > 0 && ones.length <= MAX_AMBIGUOUS_ONES) {
      readOnesAsL(cps, start, end, ones, vocabulary);
      if (vocabulary.isWord(word())) continue;
    }
    cps.set(original, start);
  }
}

const MAX_AMBIGUOUS_ONES = 4;

function positionsOfOne(cps: Int32Array, start: number, end: number): number[] {
  const ones: number[] = [];
  for (let k = start; k < end; k++) if (cps[k] === ONE) ones.push(k);
  return ones.length <= MAX_AMBIGUOUS_ONES ? ones : [];
}

/**
 * A token whose ones, read as i, make no known word: the fewest of them read as l that make one
 * ("shou1d" → should, "ki11" → kill). Left as it is when no reading is a word.
 */
function readOnesAsL(
  cps: Int32Array,
  start: number,
  end: number,
  ones: readonly number[],
  vocabulary: Vocabulary,
): void {
  if (ones.length === 0) return;
  const word = (): string => String.fromCodePoint(...cps.subarray(start, end));
  if (vocabulary.isWord(word())) return;
  const masks = Array.from({ length: (1 << ones.length) - 1 }, (_, n) => n + 1).sort(
    (a, b) => bitCount(a) - bitCount(b),
  );
  for (const mask of masks) {
    ones.forEach((at, bit) => (cps[at] = mask & (1 << bit) ? 0x6c : 0x69));
    if (vocabulary.isWord(word())) return;
  }
  for (const at of ones) cps[at] = 0x69;
}

const bitCount = (n: number): number => (n === 0 ? 0 : (n & 1) + bitCount(n >>> 1));
