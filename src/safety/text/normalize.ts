import { type Span } from '../finding.js';
import { CodeBuffer } from './code-buffer.js';
import { CONFUSABLES } from './confusables.js';
import { foldLeet } from './fold-leet.js';
import { isInvisible } from './invisible.js';
import { joinSpacedLetters } from './join-spaced-letters.js';
import { isLetter } from './letters.js';
import { rejoinFragments } from './rejoin-fragments.js';
import type { Vocabulary } from './vocabulary.js';

export { isDigit, isLetter, isWordCode } from './letters.js';

/**
 * Normalized text plus, for every UTF-16 unit of it, the index in the original string it came from.
 * Detectors match on `text` and report spans in the original via `originalSpan`. The map rises
 * monotonically except inside right-to-left override runs, which are read in display order.
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
  /**
   * Words the caller's detectors look for. With it, normalization also undoes evasions that only a
   * reader who knows the words can undo: spaced-out words run together ("killyourself"), words cut
   * in two ("ign ore"), and a leet "1" that stands for l ("shou1d"). Never used with preserveCase.
   */
  readonly vocabulary?: Vocabulary;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const WHITESPACE = /^\s$/u;

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
  const vocabulary = preserveCase ? undefined : options?.vocabulary;
  const folded = foldCharacters(input, preserveCase, scratchA);
  const chains = joinSpacedLetters(folded, scratchB, input, vocabulary);
  foldLeet(scratchB, preserveCase, vocabulary);
  const squeezed = collapseRepeats(scratchB, scratchA);
  if (vocabulary === undefined) return encode(squeezed);
  return encode(rejoinFragments(squeezed, scratchB, vocabulary, chains > 0));
}

const scratchA = new CodeBuffer();
const scratchB = new CodeBuffer();

const RIGHT_TO_LEFT_OVERRIDE = 0x202e;
const POP_DIRECTIONAL_FORMATTING = 0x202c;
const UNDERSCORE = 0x5f;

/**
 * Per-character NFKC + accent stripping, lowercase, invisible characters removed, homoglyphs folded,
 * whitespace runs collapsed (to a newline when the run holds one). Underscores count as spaces
 * (markdown emphasis, snake_case): "_someone" is the word "someone".
 */
function foldCharacters(input: string, preserveCase: boolean, out: CodeBuffer): CodeBuffer {
  out.reset(input.length + 16);
  for (let i = 0; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    if (cp === RIGHT_TO_LEFT_OVERRIDE) {
      i = foldOverrideRun(input, i, preserveCase, out);
      continue;
    }
    foldOne(cp, i, preserveCase, out);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

function foldOne(cp: number, i: number, preserveCase: boolean, out: CodeBuffer): void {
  // Invisible first: JavaScript's \s counts U+FEFF as whitespace, but it is a zero-width evasion.
  if (isInvisible(cp)) {
    // dropped: zero-width, format, tag, variation selector and control characters
  } else if (isWhitespace(cp) || cp === UNDERSCORE) {
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
}

const runStarts: number[] = [];

/**
 * A RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING run, folded in the order a reader sees it:
 * its characters displayed right to left ("Trojan Source" words stored backwards). An override never
 * closed on its line is treated as stray noise and dropped, its text left in storage order. Returns
 * the index after the run.
 */
function foldOverrideRun(input: string, at: number, preserveCase: boolean, out: CodeBuffer): number {
  runStarts.length = 0;
  let i = at + 1;
  for (; i < input.length;) {
    const cp = input.codePointAt(i) ?? 0;
    if (cp === POP_DIRECTIONAL_FORMATTING || cp === NEWLINE || cp === 0x0d || cp === 0x2029) break;
    runStarts.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  if ((input.codePointAt(i) ?? 0) !== POP_DIRECTIONAL_FORMATTING) return at + 1;
  for (let k = runStarts.length - 1; k >= 0; k--) {
    const start = runStarts[k] as number;
    foldOne(input.codePointAt(start) ?? 0, start, preserveCase, out);
  }
  return i + 1;
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
  if (end <= start) {
    const at = norm.map[start] ?? original.length;
    return { start: at, end: at };
  }
  // Min and max, not first and last: a right-to-left override run is mapped backwards.
  let from = Infinity;
  let last = -1;
  for (let i = start; i < end; i++) {
    const at = norm.map[i] ?? original.length;
    if (at < from) from = at;
    if (at > last) last = at;
  }
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
