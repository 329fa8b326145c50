import { textMutation } from '../mutation.js';

const LEET: Readonly<Record<string, readonly string[]>> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
  l: ['1'],
  g: ['9'],
  b: ['8'],
};

/** Letters swapped for digits and symbols that read alike, each with probability `rate`. */
export function toLeetspeak(text: string, random: () => number, rate = 0.8): string {
  return Array.from(text, (ch) => {
    const swaps = LEET[ch.toLowerCase()];
    if (!swaps || random() >= rate) return ch;
    return swaps[Math.floor(random() * swaps.length)] ?? ch;
  }).join('');
}

export const leetspeakMutation = textMutation(
  'leetspeak',
  'letters written as digits and symbols',
  (text, random) => toLeetspeak(text, random),
);
