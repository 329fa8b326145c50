import { type Span } from '../finding.js';
import { CONFUSABLES } from './confusables.js';
import { isInvisible } from './invisible.js';

/**
 * Normalized text plus, for every UTF-16 unit of it, the index in the original string it came from.
 * Detectors match on `text` and report spans in the original via `originalSpan`.
 */
export interface NormalizedText {
  readonly text: string;
  readonly map: Int32Array;
}

export interface NormalizeOptions {
  /**
   * Keep letter case (for case-sensitive blocklist terms). Confusables and leetspeak still fold;
   * a folded character takes the case of the character it replaced, leet digits that of the
   * preceding letter.
   */
  readonly preserveCase?: boolean;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
/** Separators evaders put between letters ("k.i.l.l", "k-i-l-l"); a newline never counts. */
const SPACING_SEPARATORS = new Set([0x20, 0x2e, 0x2d, 0x5f, 0x2a, 0xb7, 0x7e, 0x2b, 0x2f, 0x5c, 0x7c]);
const MAX_SEPARATOR_RUN = 3;
/** A spaced-out word needs at least this many single characters, so "I a" stays two words. */
const MIN_SPACED_LETTERS = 3;
const LEET: ReadonlyMap<number, number> = new Map([
  [0x30, 0x6f], // 0 → o
  // 1 could be i or l; i is what evaders mean far more often (sh1t, k1ll, su1c1de).
  [0x31, 0x69],
  [0x33, 0x65], // 3 → e
  [0x34, 0x61], // 4 → a
  [0x35, 0x73], // 5 → s
  [0x37, 0x74], // 7 → t
  [0x40, 0x61], // @ → a
  [0x24, 0x73], // $ → s
]);
/** Numbers with a unit or ordinal ("5th", "1990s", "4k", "1080p") are not leetspeak. */
const NUMBER_WITH_SUFFIX = /^\d+(?:st|nd|rd|th|s|k|p|d|am|pm|x|h|m|min|fps|gb|mb|kb|hz|khz|mm|cm|km|kg)$/;

const LETTER = /^\p{L}$/u;
const WHITESPACE = /^\s$/u;
const letterCache = new Map<number, boolean>();

/** Letters of any script; ASCII answered without a regex since it is most of the text. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  let known = letterCache.get(cp);
  if (known === undefined) {
    known = LETTER.test(String.fromCodePoint(cp));
    letterCache.set(cp, known);
  }
  return known;
}

export function isDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

export function isWordCode(cp: number): boolean {
  return isDigit(cp) || isLetter(cp);
}

function isWhitespace(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return WHITESPACE.test(String.fromCodePoint(cp));
}

const foldCache = new Map<number, string>();
const foldCaseCache = new Map<number, string>();

/** NFKC, accents stripped, lowercased (unless preserving case), confusables folded. Cached per code point. */
function foldCodePoint(cp: number, preserveCase: boolean): string {
  const cache = preserveCase ? foldCaseCache : foldCache;
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;
  const compat = String.fromCodePoint(cp).normalize('NFKC').normalize('NFD').replace(/\p{M}/gu, '');
  let out = '';
  for (const ch of compat) {
    const lower = ch.toLowerCase();
    let folded = '';
    for (const lc of lower) folded += CONFUSABLES.get(lc) ?? lc;
    out += preserveCase && ch !== lower ? folded.toUpperCase() : folded;
  }
  cache.set(cp, out);
  return out;
}

/**
 * One pass: per-character NFKC + accent stripping, lowercase, invisible characters removed, homoglyphs
 * and leetspeak folded, spaced-out letters joined, long letter repeats collapsed, whitespace runs
 * collapsed (to a newline when the run holds one, so sentence structure survives).
 */
export function normalize(input: string, options?: NormalizeOptions): NormalizedText {
  const preserveCase = options?.preserveCase === true;
  const cps: number[] = [];
  const src: number[] = [];

  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    // Invisible first: JavaScript's \s counts U+FEFF as whitespace, but it is a zero-width evasion.
    if (isInvisible(cp)) {
      // dropped: zero-width, format, tag, variation selector and control characters
    } else if (isWhitespace(cp)) {
      const last = cps.length - 1;
      if (last >= 0 && (cps[last] === SPACE || cps[last] === NEWLINE)) {
        if (cp === NEWLINE) cps[last] = NEWLINE;
      } else {
        cps.push(cp === NEWLINE || cp === 0x0d ? NEWLINE : SPACE);
        src.push(i);
      }
    } else if (cp < 0x80) {
      cps.push(!preserveCase && cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);
      src.push(i);
    } else {
      for (const ch of foldCodePoint(cp, preserveCase)) {
        cps.push(ch.codePointAt(0) ?? 0);
        src.push(i);
      }
    }
    i += width;
  }

  const joined = joinSpacedLetters(cps, src);
  foldLeet(joined.cps, preserveCase);
  const squeezed = collapseRepeats(joined.cps, joined.src);
  return encode(squeezed.cps, squeezed.src);
}

function isUnitChar(cp: number): boolean {
  return isLetter(cp) || LEET.has(cp) || isDigit(cp);
}

function isTokenChar(cp: number | undefined): boolean {
  return cp !== undefined && (isWordCode(cp) || cp === 0x40 || cp === 0x24);
}

/** Is there a one-character token at i (a unit char with no token characters around it)? */
function isSingle(cps: readonly number[], i: number): boolean {
  const cp = cps[i];
  return cp !== undefined && isUnitChar(cp) && !isTokenChar(cps[i - 1]) && !isTokenChar(cps[i + 1]);
}

/** "k i l l" / "k.i.l.l" → "kill": runs of one-character tokens separated by short separator runs. */
function joinSpacedLetters(cps: number[], src: number[]): { cps: number[]; src: number[] } {
  const outCps: number[] = [];
  const outSrc: number[] = [];
  let i = 0;
  while (i < cps.length) {
    if (!isSingle(cps, i)) {
      outCps.push(cps[i] ?? 0);
      outSrc.push(src[i] ?? 0);
      i++;
      continue;
    }
    const chain = [i];
    let next = i + 1;
    for (;;) {
      let k = next;
      while (k < cps.length && k - next < MAX_SEPARATOR_RUN && SPACING_SEPARATORS.has(cps[k] ?? -1)) k++;
      if (k === next || !isSingle(cps, k)) break;
      chain.push(k);
      next = k + 1;
    }
    let letters = 0;
    for (const at of chain) if (isLetter(cps[at] ?? 0)) letters++;
    if (chain.length >= MIN_SPACED_LETTERS && letters >= 2) {
      for (const at of chain) {
        outCps.push(cps[at] ?? 0);
        outSrc.push(src[at] ?? 0);
      }
      i = next;
    } else {
      outCps.push(cps[i] ?? 0);
      outSrc.push(src[i] ?? 0);
      i++;
    }
  }
  return { cps: outCps, src: outSrc };
}

/** Leet digits and symbols become letters, but only inside tokens that already contain a letter. */
function foldLeet(cps: number[], preserveCase: boolean): void {
  let i = 0;
  while (i < cps.length) {
    if (!isTokenChar(cps[i])) {
      i++;
      continue;
    }
    let end = i;
    let hasLetter = false;
    let hasLeet = false;
    while (end < cps.length && isTokenChar(cps[end])) {
      const cp = cps[end] ?? 0;
      if (isLetter(cp)) hasLetter = true;
      else if (LEET.has(cp)) hasLeet = true;
      end++;
    }
    if (hasLetter && hasLeet && !NUMBER_WITH_SUFFIX.test(String.fromCodePoint(...cps.slice(i, end)))) {
      let upper = false;
      for (let k = i; k < end; k++) {
        const cp = cps[k] ?? 0;
        const leet = LEET.get(cp);
        if (leet === undefined) {
          if (isLetter(cp)) upper = cp >= 0x41 && cp <= 0x5a;
          continue;
        }
        cps[k] = preserveCase && upper ? leet - 0x20 : leet;
      }
    }
    i = end;
  }
}

/** "diiiie" → "die": three or more of the same letter become one; doubles are real spelling. */
function collapseRepeats(cps: readonly number[], src: readonly number[]): { cps: number[]; src: number[] } {
  const outCps: number[] = [];
  const outSrc: number[] = [];
  let i = 0;
  while (i < cps.length) {
    const cp = cps[i] ?? 0;
    let end = i + 1;
    if (isLetter(cp)) while (end < cps.length && cps[end] === cp) end++;
    const keep = end - i >= 3 ? 1 : end - i;
    for (let k = 0; k < keep; k++) {
      outCps.push(cp);
      outSrc.push(src[i + k] ?? 0);
    }
    i = end;
  }
  return { cps: outCps, src: outSrc };
}

function encode(cps: readonly number[], src: readonly number[]): NormalizedText {
  let units = 0;
  for (const cp of cps) units += cp > 0xffff ? 2 : 1;
  const map = new Int32Array(units);
  const parts: string[] = [];
  let u = 0;
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i] ?? 0;
    const from = src[i] ?? 0;
    parts.push(String.fromCodePoint(cp));
    map[u++] = from;
    if (cp > 0xffff) map[u++] = from;
  }
  return { text: parts.join(''), map };
}

const MARK = /^\p{M}$/u;

/**
 * The original-text span for normalized [start, end): from the first contributing character through
 * the whole code point of the last one, plus any combining marks that normalization stripped after it.
 */
export function originalSpan(original: string, norm: NormalizedText, start: number, end: number): Span {
  const from = norm.map[start] ?? original.length;
  if (end <= start) return { start: from, end: from };
  const last = norm.map[end - 1] ?? from;
  const lastCp = original.codePointAt(last) ?? 0;
  let to = last + (lastCp > 0xffff ? 2 : 1);
  while (to < original.length) {
    const cp = original.codePointAt(to) ?? 0;
    if (!MARK.test(String.fromCodePoint(cp))) break;
    to += cp > 0xffff ? 2 : 1;
  }
  return { start: from, end: to };
}

/**
 * Did the original text of this span contain a run of three or more of one letter? Matchers use it
 * to accept "kil" (from "kiiiill") as "kill" without also reading every "as" as "ass".
 */
export function hadLongRepeat(original: string, span: Span): boolean {
  return /(\p{L})\1\1/iu.test(original.slice(span.start, span.end));
}
