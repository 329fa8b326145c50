/**
 * Spaced-out letters ("k i l l", "k.i.l.l", "y*o*u*r") joined back into words, each run of them told
 * apart by its separator, and cut into words with a vocabulary when it ran several together.
 */
import type { CodeBuffer } from './code-buffer.js';
import { isInvisible } from './invisible.js';
import { isDigit, isLetter, isTokenChar, LEET } from './letters.js';
import { segmentWords, type Vocabulary } from './vocabulary.js';

const SPACE = 0x20;
/** Separators evaders put between letters ("k.i.l.l", "k-i-l-l"); a newline never counts. */
const SPACING_SEPARATORS = new Set([0x20, 0x2e, 0x2d, 0x5f, 0x2a, 0xb7, 0x7e, 0x2b, 0x2f, 0x5c, 0x7c]);
const MAX_SEPARATOR_RUN = 3;
/** A spaced-out word needs at least this many single characters, so "I a" stays two words. */
const MIN_SPACED_LETTERS = 3;

function isUnitChar(cp: number): boolean {
  return isLetter(cp) || LEET.has(cp) || isDigit(cp);
}

/** Is there a one-character token at i (a unit char with no token characters around it)? */
function isSingle(buffer: CodeBuffer, i: number): boolean {
  const cp = buffer.at(i);
  return cp >= 0 && isUnitChar(cp) && !isTokenChar(buffer.at(i - 1)) && !isTokenChar(buffer.at(i + 1));
}

const chain: number[] = [];

/** Index of the one-character token after the separator run that follows `at`, or -1. */
function nextLink(buffer: CodeBuffer, at: number): number {
  let k = at + 1;
  while (
    k < buffer.length &&
    k - at - 1 < MAX_SEPARATOR_RUN &&
    SPACING_SEPARATORS.has(buffer.cps[k] as number)
  )
    k++;
  return k > at + 1 && isSingle(buffer, k) ? k : -1;
}

/**
 * What separates two chained characters in the original text, invisible characters left out: "k i l l
 * y o u" and "k i l l  y o u" (two spaces) or "I w-i-l-l" are two words each, told apart only there,
 * since folding collapses whitespace runs.
 */
function separatorBetween(original: string, buffer: CodeBuffer, a: number, b: number): string {
  const from = buffer.src[a] as number;
  const to = buffer.src[b] as number;
  if (to <= from) return buffer.slice(a + 1, b);
  let key = '';
  for (let i = from + ((original.codePointAt(from) ?? 0) > 0xffff ? 2 : 1); i < to;) {
    const cp = original.codePointAt(i) ?? 0;
    if (!isInvisible(cp)) key += String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return key;
}

/** The chain of one-character tokens starting at `start`, all joined by the same separator. */
function collectChain(buffer: CodeBuffer, start: number, original: string): void {
  chain.length = 0;
  chain.push(start);
  let current = start;
  let next = nextLink(buffer, current);
  if (next < 0) return;
  const separator = separatorBetween(original, buffer, current, next);
  while (next >= 0 && separatorBetween(original, buffer, current, next) === separator) {
    const after = nextLink(buffer, next);
    // A plain space also separates words, so a character between a space chain and another one
    // ("r I o_r_d_e_r", "f.u.l.l t e x t") belongs to the other.
    if (after >= 0 && separator === ' ') {
      const own = separatorBetween(original, buffer, next, after);
      const afterThat = nextLink(buffer, after);
      if (own !== separator && afterThat >= 0 && separatorBetween(original, buffer, after, afterThat) === own)
        break;
    }
    chain.push(next);
    current = next;
    next = after;
  }
}

/** The chained characters as letters (leet digits read as letters), for the vocabulary. */
function chainLetters(buffer: CodeBuffer): string {
  let letters = '';
  for (const at of chain) {
    const cp = buffer.cps[at] as number;
    letters += String.fromCodePoint(LEET.get(cp) ?? (cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp));
  }
  return letters;
}

/**
 * "k i l l" / "k.i.l.l" → "kill": runs of one-character tokens separated by one repeated short
 * separator. With a vocabulary, a run that is not a word but several ("killyourself") is cut into
 * them. Returns how many runs were joined.
 */
export function joinSpacedLetters(
  input: CodeBuffer,
  out: CodeBuffer,
  original: string,
  vocabulary: Vocabulary | undefined,
): number {
  out.reset(input.length + 16);
  const { cps, src, length } = input;
  let joined = 0;
  let i = 0;
  while (i < length) {
    if (!isSingle(input, i)) {
      out.push(cps[i] as number, src[i] as number);
      i++;
      continue;
    }
    collectChain(input, i, original);
    let letters = 0;
    for (const at of chain) if (isLetter(cps[at] as number)) letters++;
    if (chain.length < MIN_SPACED_LETTERS || letters < 2) {
      out.push(cps[i] as number, src[i] as number);
      i++;
      continue;
    }
    joined++;
    const cuts = vocabulary === undefined ? undefined : cutsOf(chainLetters(input), vocabulary);
    let cut = 0;
    chain.forEach((at, index) => {
      if (cuts !== undefined && cuts[cut] === index) {
        // The separator the cut replaces, as written: a space, or (after a stray first letter) its own.
        const from = index === 1 && cuts.stray ? (chain[0] as number) + 1 : at;
        for (let k = from; k < at; k++) out.push(cps[k] as number, src[k] as number);
        if (from === at) out.push(SPACE, src[at] as number);
        cut++;
      }
      out.push(cps[at] as number, src[at] as number);
    });
    i = (chain[chain.length - 1] as number) + 1;
  }
  return joined;
}

/** Cut offsets into a chain's letters; `stray` when the first letter ends the word before ("you r s a f e"). */
type ChainCuts = number[] & { stray?: boolean };

/**
 * Where to cut a run of letters into words. A run that is no word may also start with the last letter
 * of the word before it, cut off by the evasion ("you r s a f e t y"): that letter is then left on
 * its own, for rejoining with its word.
 */
function cutsOf(letters: string, vocabulary: Vocabulary): ChainCuts | undefined {
  const cuts = segmentWords(letters, vocabulary);
  if (cuts !== undefined || vocabulary.isWord(letters) || letters.length < 5) return cuts;
  const rest = letters.slice(1);
  if (!vocabulary.isTarget(rest) && segmentWords(rest, vocabulary) === undefined) return undefined;
  const stray: ChainCuts = [1, ...(segmentWords(rest, vocabulary) ?? []).map((at) => at + 1)];
  stray.stray = true;
  return stray;
}
