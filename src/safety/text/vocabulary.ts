import { COMMON_WORDS } from './common-words.js';

/**
 * The words detectors look for, plus ordinary words: what normalization consults to undo evasions
 * that only a reader who knows the words can undo ("ign ore" → "ignore", "killyourself" → "kill
 * yourself", "shou1d" → "should"). Without one, normalization makes no such guesses.
 */
export interface Vocabulary {
  /** A word some lexicon or phrase table is written with: a repair may produce it. */
  isTarget(word: string): boolean;
  /** Any known word, targets and ordinary words alike. */
  isWord(word: string): boolean;
  /** Length of the longest target, in UTF-16 units. */
  readonly maxLength: number;
}

/** The words of normalized phrases: runs of letters. */
export function wordsOf(phrases: Iterable<string>): string[] {
  const words: string[] = [];
  for (const phrase of phrases) for (const word of phrase.match(/\p{L}+/gu) ?? []) words.push(word);
  return words;
}

/** A vocabulary whose targets are `targets` (already normalized) and whose ordinary words are COMMON_WORDS. */
export function createVocabulary(targets: Iterable<string>): Vocabulary {
  const target = new Set<string>();
  let maxLength = 0;
  for (const word of targets) {
    if (word.length < 2) continue;
    target.add(word);
    if (word.length > maxLength) maxLength = word.length;
  }
  return {
    isTarget: (word) => target.has(word),
    isWord: (word) => target.has(word) || COMMON_WORDS.has(word),
    maxLength,
  };
}

/** Words of one letter that stand alone; others ("t", "l", "n") are mostly what cutting a word leaves. */
const ONE_LETTER_WORDS = new Set(['a', 'i']);

/** Is this piece of a cut-up text a word of its own (one letter only if "a" or "i")? */
export function isWholeWord(piece: string, vocabulary: Vocabulary): boolean {
  return piece.length > 1 ? vocabulary.isWord(piece) : ONE_LETTER_WORDS.has(piece);
}

/** A segmentation must find a lexicon word this long, or it may just be cutting a word into bits. */
const MIN_ANCHOR = 4;

/** Longest run of letters worth segmenting: longer chains are left as they are. */
const MAX_SEGMENTED = 64;

/**
 * Where to cut `letters` (a run of spaced-out letters joined into one, "killyourself") into known
 * words, fewest words first, one of them a lexicon word: the cut offsets, or undefined when it is one
 * word, not made of known words, or made only of short ordinary ones ("force" is not "for ce").
 */
export function segmentWords(letters: string, vocabulary: Vocabulary): number[] | undefined {
  const n = letters.length;
  if (n < 4 || n > MAX_SEGMENTED || vocabulary.isWord(letters)) return undefined;
  const fewest = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  fewest[0] = 0;
  const longest = Math.max(vocabulary.maxLength, 16);
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - longest); start < end; start++) {
      const before = fewest[start] as number;
      if (before + 1 >= (fewest[end] as number) || before === Infinity) continue;
      if (isWholeWord(letters.slice(start, end), vocabulary)) {
        fewest[end] = before + 1;
        from[end] = start;
      }
    }
  }
  if (fewest[n] === Infinity || (fewest[n] as number) < 2) return undefined;
  const cuts: number[] = [];
  for (let at = from[n] as number; at > 0; at = from[at] as number) cuts.unshift(at);
  const pieces = [0, ...cuts].map((start, k) => letters.slice(start, cuts[k] ?? n));
  const anchored = pieces.some((piece) => piece.length >= MIN_ANCHOR && vocabulary.isTarget(piece));
  return anchored ? cuts : undefined;
}
