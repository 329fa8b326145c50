import { textMutation } from '../mutation.js';

/** The seed as written: the baseline every disguise is measured against. */
export const plainMutation = textMutation('plain', 'the seed unchanged (baseline)', (text) => text);
