import { pick, textMutation } from '../mutation.js';

const SEPARATORS = [' ', '.', '-', '*', '_', ' . '] as const;

/**
 * Words of four letters or more are broken up: either every letter apart ("i.g.n.o.r.e") or cut in two
 * with a space or hyphen ("ign ore"), chosen per word.
 */
export function splitWords(text: string, random: () => number): string {
  return text.replace(/\p{L}{4,}/gu, (word) => {
    const letters = Array.from(word);
    if (random() < 0.6) return letters.join(pick(SEPARATORS, random));
    const cut = 1 + Math.floor(random() * (letters.length - 1));
    return `${letters.slice(0, cut).join('')}${pick([' ', '-', '- '], random)}${letters.slice(cut).join('')}`;
  });
}

export const spacingMutation = textMutation(
  'spacing',
  'words split by spaces, dots or hyphens between their letters',
  splitWords,
);
