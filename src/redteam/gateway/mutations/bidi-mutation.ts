import { textMutation } from '../mutation.js';

const RLO = '\u202e';
const PDF = '\u202c';

/**
 * "Trojan Source" reversal: each word is stored backwards inside RIGHT-TO-LEFT OVERRIDE ... POP
 * DIRECTIONAL FORMATTING, so it renders as the original word while its characters run the other way.
 */
export function bidiReverse(text: string): string {
  return text.replace(/[\p{L}\p{N}'’]+/gu, (word) => `${RLO}${Array.from(word).reverse().join('')}${PDF}`);
}

/** What a reader sees: every override run read in display order. */
export function bidiDisplay(text: string): string {
  return text.replace(/\u202e([^\u202c]*)\u202c/g, (_whole, run: string) =>
    Array.from(run).reverse().join(''),
  );
}

export const bidiMutation = textMutation(
  'bidi',
  'each word stored backwards inside right-to-left overrides, so it displays normally',
  (text) => bidiReverse(text),
);
