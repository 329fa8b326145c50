import { textMutation } from '../mutation.js';
import { decodeAndFollow } from './encoding-frame.js';

/** UTF-8 bytes as space-separated hex pairs, as pasted from a hex dump. */
export const toHex = (text: string): string =>
  Array.from(Buffer.from(text, 'utf8'), (byte) => byte.toString(16).padStart(2, '0')).join(' ');

export const hexMutation = textMutation(
  'hex',
  'the seed as hex bytes, with a request to decode and follow it',
  (text, random) => decodeAndFollow('hex', toHex(text), random),
  ['attack'],
);
