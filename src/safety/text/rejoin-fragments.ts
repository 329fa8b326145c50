import type { CodeBuffer } from './code-buffer.js';
import { isDigit } from './letters.js';
import { isWholeWord, type Vocabulary } from './vocabulary.js';

const SPACE = 0x20;
const HYPHEN = 0x2d;
/** Fragments this short that are no word ("k ill", "shoo t") are what cutting a word leaves. */
const SHORT_FRAGMENT = 2;

/** Lower-case Latin letters: what normalized lexicon words are made of (accents already stripped). */
const isLexiconLetter = (cp: number): boolean => (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xdf && cp <= 0x24f);

const APOSTROPHE = 0x27;

interface Token {
  start: number;
  end: number;
}

/**
 * A letter run glued by an apostrophe to another ("isn't", "l'actrice") or to a digit ("R2") is part
 * of a contraction or a name, not a fragment of a cut word: "isn't it" must not become "isn'tit". A
 * quotation mark ("'jailbr-eak") glues nothing.
 */
function isBound(buffer: CodeBuffer, token: Token): boolean {
  const before = buffer.at(token.start - 1);
  const after = buffer.at(token.end);
  return (
    isDigit(before) ||
    isDigit(after) ||
    (before === APOSTROPHE && isLexiconLetter(buffer.at(token.start - 2))) ||
    (after === APOSTROPHE && isLexiconLetter(buffer.at(token.end + 1)))
  );
}

/** Is the gap between two letter runs one a cut leaves: a space, "-" or "- "? */
function isCut(buffer: CodeBuffer, a: Token, b: Token): boolean {
  const gap = b.start - a.end;
  const first = buffer.at(a.end);
  return (
    (gap === 1 && (first === SPACE || first === HYPHEN)) ||
    (gap === 2 && first === HYPHEN && buffer.at(a.end + 1) === SPACE)
  );
}

/** The letter run starting at or after `from`, or undefined. */
function runFrom(buffer: CodeBuffer, from: number): Token | undefined {
  let start = from;
  while (start < buffer.length && !isLexiconLetter(buffer.cps[start] as number)) start++;
  if (start >= buffer.length) return undefined;
  let end = start;
  while (end < buffer.length && isLexiconLetter(buffer.cps[end] as number)) end++;
  return { start, end };
}

/** Pairs of neighbouring letter runs that a cut may have separated, in order. */
function cutPairs(buffer: CodeBuffer): Token[][] {
  const pairs: Token[][] = [];
  let a = runFrom(buffer, 0);
  while (a !== undefined) {
    const b = runFrom(buffer, a.end);
    if (b === undefined) break;
    if (isCut(buffer, a, b) && !isBound(buffer, a) && !isBound(buffer, b)) pairs.push([a, b]);
    a = b;
  }
  return pairs;
}

/** A piece of one or two letters that is no word: what cutting a word leaves ("k ill", "shoo t"). */
function isFragment(buffer: CodeBuffer, piece: Token, vocabulary: Vocabulary): boolean {
  return (
    piece.end - piece.start <= SHORT_FRAGMENT &&
    !isWholeWord(buffer.slice(piece.start, piece.end), vocabulary)
  );
}

/**
 * Does the text look cut up? A word ends in "- " mid-line, or a one- or two-letter fragment that is
 * no word stands next to another word. Ordinary prose shows neither, so rejoining (which could read
 * "pen is" as one word) only happens where evasion is likely.
 */
function looksCutUp(buffer: CodeBuffer, vocabulary: Vocabulary): boolean {
  for (const [a, b] of cutPairs(buffer) as [Token, Token][]) {
    if (b.start - a.end === 2) return true;
    if (isFragment(buffer, a, vocabulary) || isFragment(buffer, b, vocabulary)) return true;
  }
  return false;
}

/**
 * "ign ore", "pr- evious", "d-irector" → one word, where the two pieces make a word the detectors
 * look for and are not both words themselves ("the rapist" stays two) or are joined by a hyphen
 * ("some-one"). Only in text that looks cut up (or whose letters were spaced out, `spacedOut`).
 * Returns `input` when nothing was rejoined.
 */
export function rejoinFragments(
  input: CodeBuffer,
  out: CodeBuffer,
  vocabulary: Vocabulary,
  spacedOut: boolean,
): CodeBuffer {
  if (!spacedOut && !looksCutUp(input, vocabulary)) return input;
  const skip = new Set<number>();
  let joinedUpTo = -1;
  for (const [a, b] of cutPairs(input) as [Token, Token][]) {
    // A piece joins one neighbour at most.
    if (a.start < joinedUpTo || b.end - a.start > vocabulary.maxLength + 2) continue;
    const first = input.slice(a.start, a.end);
    const second = input.slice(b.start, b.end);
    if (!vocabulary.isTarget(first + second)) continue;
    // Two words stay two ("pen is"), unless a hyphen joins them into a lexicon word ("some-one").
    const hyphen = input.at(a.end) === HYPHEN && b.start === a.end + 1;
    if (!hyphen && isWholeWord(first, vocabulary) && isWholeWord(second, vocabulary)) continue;
    for (let k = a.end; k < b.start; k++) skip.add(k);
    joinedUpTo = b.end;
  }
  if (skip.size === 0) return input;
  out.reset(input.length);
  for (let i = 0; i < input.length; i++) {
    if (!skip.has(i)) out.push(input.cps[i] as number, input.src[i] as number);
  }
  return out;
}
