import { textMutation } from '../mutation.js';

/** ZERO WIDTH SPACE first: it is the one most evaders use; the others vary the pattern. */
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;

/** A zero-width character between every two adjacent letters, so no word survives intact. */
export function insertZeroWidth(text: string, random: () => number): string {
  const chars = Array.from(text);
  let out = '';
  chars.forEach((ch, at) => {
    out += ch;
    const next = chars[at + 1];
    if (next !== undefined && /\p{L}/u.test(ch) && /\p{L}/u.test(next)) {
      out += random() < 0.7 ? ZERO_WIDTH[0] : ZERO_WIDTH[1 + Math.floor(random() * 3)];
    }
  });
  return out;
}

const ZERO_WIDTH_SET = new Set<string>(ZERO_WIDTH);

export const stripZeroWidth = (text: string): string =>
  Array.from(text)
    .filter((ch) => !ZERO_WIDTH_SET.has(ch))
    .join('');

export const zeroWidthMutation = textMutation(
  'zero-width',
  'zero-width characters between the letters of every word',
  insertZeroWidth,
);
