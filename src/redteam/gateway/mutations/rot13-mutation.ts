import { textMutation } from '../mutation.js';
import { decodeAndFollow } from './encoding-frame.js';

/** ROT13 of the ASCII letters; its own inverse. */
export const rot13 = (text: string): string =>
  text.replace(/[a-z]/gi, (ch) => {
    const base = ch <= 'Z' ? 65 : 97;
    return String.fromCharCode(((ch.charCodeAt(0) - base + 13) % 26) + base);
  });

export const rot13Mutation = textMutation(
  'rot13',
  'the seed in ROT13, with a request to decode and follow it',
  (text, random) => decodeAndFollow('ROT13', rot13(text), random),
  ['attack'],
);
