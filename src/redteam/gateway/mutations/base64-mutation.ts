import { textMutation } from '../mutation.js';
import { decodeAndFollow } from './encoding-frame.js';

export const toBase64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export const base64Mutation = textMutation(
  'base64',
  'the seed base64-encoded, with a request to decode and follow it',
  (text, random) => decodeAndFollow('base64', toBase64(text), random),
  ['attack'],
);
