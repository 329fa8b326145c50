import { textMutation } from '../mutation.js';
import { substituteHomoglyphs } from './homoglyph-mutation.js';
import { rolePlayMutation } from './role-play-mutation.js';
import { insertZeroWidth } from './zero-width-mutation.js';

/** Disguises combined, as a determined attacker would: a role-play frame, then look-alikes, then zero-widths. */
export const stackedMutation = textMutation(
  'stacked',
  'role-play framing, then homoglyphs, then zero-width characters',
  (_text, random, seed) =>
    insertZeroWidth(substituteHomoglyphs(rolePlayMutation.mutate(seed, random).text, random, 0.4), random),
);
