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
  const folded = foldCharacters(input, preserveCase, scratchA);
  const joined = joinSpacedLetters(folded, scratchB);
  foldLeet(joined, preserveCase);
  const squeezed = collapseRepeats(joined, scratchA);
  return encode(squeezed);
}

/**
 * Code points and, beside each, the index in the original string it came from. Two of these are
 * reused by every call (normalization runs on every text the gateway sees; JavaScript's single
 * thread makes sharing safe), so a call allocates only its result.
 */
class CodeBuffer {
  cps = new Int32Array(2048);
  src = new Int32Array(2048);
  length = 0;

  reset(capacity: number): this {
    if (this.cps.length < capacity) {
      this.cps = new Int32Array(capacity * 2);
      this.src = new Int32Array(capacity * 2);
    }
    this.length = 0;
    return this;
  }

  push(cp: number, from: number): void {
    if (this.length === this.cps.length) {
      const cps = new Int32Array(this.cps.length * 2);
      cps.set(this.cps);
      this.cps = cps;
      const src = new Int32Array(this.src.length * 2);
      src.set(this.src);
      this.src = src;
    }
    this.cps[this.length] = cp;
    this.src[this.length] = from;
    this.length += 1;
  }

  /** The code point at i, or -1 outside the buffer's content. */
  at(i: number): number {
    return i >= 0 && i < this.length ? (this.cps[i] as number) : -1;
  }
}

const scratchA = new CodeBuffer();
const scratchB = new CodeBuffer();

/**
 * Per-character NFKC + accent stripping, lowercase, invisible characters removed, homoglyphs folded,
 * whitespace runs collapsed (to a newline when the run holds one).
 */
function foldCharacters(input: string, preserveCase: boolean, out: CodeBuffer): CodeBuffer {
  out.reset(input.length + 16);
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    // Invisible first: JavaScript's \s counts U+FEFF as whitespace, but it is a zero-width evasion.
    if (isInvisible(cp)) {
      // dropped: zero-width, format, tag, variation selector and control characters
    } else if (isWhitespace(cp)) {
      const last = out.length - 1;
      const previous = out.at(last);
      if (previous === SPACE || previous === NEWLINE) {
        if (cp === NEWLINE) out.cps[last] = NEWLINE;
      } else {
        out.push(cp === NEWLINE || cp === 0x0d ? NEWLINE : SPACE, i);
      }
    } else if (cp < 0x80) {
      out.push(!preserveCase && cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp, i);
    } else {
      for (const ch of foldCodePoint(cp, preserveCase)) out.push(ch.codePointAt(0) ?? 0, i);
    }
    i += width;
  }
  return out;
}

function isUnitChar(cp: number): boolean {
  return isLetter(cp) || LEET.has(cp) || isDigit(cp);
}

function isTokenChar(cp: number): boolean {
  return cp >= 0 && (isWordCode(cp) || cp === 0x40 || cp === 0x24);
}

/** Is there a one-character token at i (a unit char with no token characters around it)? */
function isSingle(buffer: CodeBuffer, i: number): boolean {
  const cp = buffer.at(i);
  return cp >= 0 && isUnitChar(cp) && !isTokenChar(buffer.at(i - 1)) && !isTokenChar(buffer.at(i + 1));
}

const chain: number[] = [];

/** "k i l l" / "k.i.l.l" → "kill": runs of one-character tokens separated by short separator runs. */
function joinSpacedLetters(input: CodeBuffer, out: CodeBuffer): CodeBuffer {
  out.reset(input.length);
  const { cps, src, length } = input;
  let i = 0;
  while (i < length) {
    if (!isSingle(input, i)) {
      out.push(cps[i] as number, src[i] as number);
      i++;
      continue;
    }
    chain.length = 0;
    chain.push(i);
    let next = i + 1;
    for (;;) {
      let k = next;
      while (k < length && k - next < MAX_SEPARATOR_RUN && SPACING_SEPARATORS.has(cps[k] as number)) k++;
      if (k === next || !isSingle(input, k)) break;
      chain.push(k);
      next = k + 1;
    }
    let letters = 0;
    for (const at of chain) if (isLetter(cps[at] as number)) letters++;
    if (chain.length >= MIN_SPACED_LETTERS && letters >= 2) {
      for (const at of chain) out.push(cps[at] as number, src[at] as number);
      i = next;
    } else {
      out.push(cps[i] as number, src[i] as number);
      i++;
    }
  }
  return out;
}

const EXCLAMATION = 0x21;

/** Leet digits and symbols become letters, but only inside tokens that already contain a letter. */
function foldLeet(buffer: CodeBuffer, preserveCase: boolean): void {
  const { cps, length } = buffer;
  // "b!tch", "sh!t": an exclamation mark between two letters is an i, never punctuation.
  for (let k = 1; k + 1 < length; k++) {
    if (cps[k] !== EXCLAMATION) continue;
    const before = cps[k - 1] as number;
    if (isLetter(before) && isLetter(cps[k + 1] as number)) {
      cps[k] = preserveCase && before >= 0x41 && before <= 0x5a ? 0x49 : 0x69;
    }
  }
  let i = 0;
  while (i < length) {
    if (!isTokenChar(cps[i] as number)) {
      i++;
      continue;
    }
    let end = i;
    let hasLetter = false;
    let hasLeet = false;
    while (end < length && isTokenChar(cps[end] as number)) {
      const cp = cps[end] as number;
      if (isLetter(cp)) hasLetter = true;
      else if (LEET.has(cp)) hasLeet = true;
      end++;
    }
    if (hasLetter && hasLeet && !NUMBER_WITH_SUFFIX.test(String.fromCodePoint(...cps.subarray(i, end)))) {
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
    }
    i = end;
  }
}

/** "diiiie" → "die": three or more of the same letter become one; doubles are real spelling. */
function collapseRepeats(input: CodeBuffer, out: CodeBuffer): CodeBuffer {
  out.reset(input.length);
  const { cps, src, length } = input;
  let i = 0;
  while (i < length) {
    const cp = cps[i] as number;
    let end = i + 1;
    if (isLetter(cp)) while (end < length && cps[end] === cp) end++;
    const keep = end - i >= 3 ? 1 : end - i;
    for (let k = 0; k < keep; k++) out.push(cp, src[i + k] as number);
    i = end;
  }
  return out;
}

let units = new Uint16Array(4096);

function encode(buffer: CodeBuffer): NormalizedText {
  const { cps, src, length } = buffer;
  let count = 0;
  for (let i = 0; i < length; i++) count += (cps[i] as number) > 0xffff ? 2 : 1;
  if (units.length < count) units = new Uint16Array(count * 2);
  const map = new Int32Array(count);
  let u = 0;
  for (let i = 0; i < length; i++) {
    const cp = cps[i] as number;
    const from = src[i] as number;
    if (cp > 0xffff) {
      const offset = cp - 0x10000;
      units[u] = 0xd800 + (offset >> 10);
      map[u++] = from;
      units[u] = 0xdc00 + (offset & 0x3ff);
      map[u++] = from;
    } else {
      units[u] = cp;
      map[u++] = from;
    }
  }
  let text = '';
  for (let at = 0; at < count; at += 8192) {
    text += String.fromCharCode.apply(null, units.subarray(at, Math.min(count, at + 8192)) as never);
  }
  return { text, map };
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
 * A lexicon phrase with every doubled letter written once ("kill" → "kil"): what normalization makes
 * of a stretched spelling ("kiiiill"). Matchers list it beside the phrase and accept its hits only
 * where `hadLongRepeat` says the original text stretched a letter.
 */
export function squeezeRepeats(phrase: string): string {
  return phrase.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Did the original text of this span contain a run of three or more of one letter? Matchers use it
 * to accept "kil" (from "kiiiill") as "kill" without also reading every "as" as "ass".
 */
export function hadLongRepeat(original: string, span: Span): boolean {
  return /(\p{L})\1\1/iu.test(original.slice(span.start, span.end));
}
