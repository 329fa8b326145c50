/**
 * Splits a request into words that remember where they came from, so every constraint can cite its
 * exact span. One pass over the text, no regex over the whole input: linear whatever is sent.
 */

/** What separates a token from the one before: commas keep a list going, other punctuation ends it. */
export type BreakKind = 'none' | 'comma' | 'strong';

export interface Token {
  /** The token as written. */
  readonly text: string;
  /** Lowercase, accents and apostrophes removed: what matching compares. */
  readonly norm: string;
  /** UTF-16 offsets into the input. */
  readonly start: number;
  readonly end: number;
  readonly breakBefore: BreakKind;
  readonly hyphenBefore: boolean;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const DIGIT = /^\p{Nd}$/u;
const LETTER = /^\p{L}$/u;
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc']);
const STRONG_BREAKS = new Set([
  '.',
  ';',
  '!',
  '?',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  '\u201c',
  '\u201d',
  '\u00ab',
  '\u00bb',
  '\u2014',
  '\u2026',
  '\n',
  '\r',
  '|',
]);
const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u2013']);
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  þ: 'th',
};

function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

function charAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** Case-, accent- and apostrophe-insensitive form of one word. */
export function normalizeWord(word: string): string {
  let out = '';
  for (const ch of word.normalize('NFKD').toLowerCase()) {
    if (/^\p{M}$/u.test(ch) || APOSTROPHES.has(ch)) continue;
    out += ch === ',' ? '.' : (FOLDS[ch] ?? ch);
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let breakBefore: BreakKind = 'none';
  let hyphenBefore = false;
  let index = 0;
  const push = (start: number, end: number, norm?: string): void => {
    const raw = text.slice(start, end);
    tokens.push({ text: raw, norm: norm ?? normalizeWord(raw), start, end, breakBefore, hyphenBefore });
    breakBefore = 'none';
    hyphenBefore = false;
  };
  while (index < text.length) {
    const ch = charAt(text, index);
    if (isWordChar(ch)) {
      const start = index;
      let previous = ch;
      index += ch.length;
      while (index < text.length) {
        const next = charAt(text, index);
        if (isWordChar(next)) {
          previous = next;
          index += next.length;
          continue;
        }
        const after = charAt(text, index + next.length);
        // Joiners stay inside a word only between the right neighbours: don't, 1.5, R&B.
        const joins =
          (APOSTROPHES.has(next) && isWordChar(after)) ||
          ((next === '.' || next === ',') && DIGIT.test(previous) && DIGIT.test(after)) ||
          (next === '&' && LETTER.test(previous) && LETTER.test(after));
        if (!joins) break;
        previous = after;
        index += next.length + after.length;
      }
      push(start, index);
      continue;
    }
    if (ch === '&') push(index, index + 1, 'and');
    else if (ch === ',') breakBefore = breakBefore === 'strong' ? 'strong' : 'comma';
    else if (STRONG_BREAKS.has(ch)) breakBefore = 'strong';
    else if (HYPHENS.has(ch)) hyphenBefore = true;
    index += ch.length;
  }
  return tokens;
}

/** The normalized words of a phrase joined by single spaces: the key vocabulary and title lookups use. */
export function normalizePhrase(text: string): string {
  return tokenize(text)
    .map((token) => token.norm)
    .join(' ');
}
