import type { Mutation } from './mutation.js';
import { base64Mutation } from './mutations/base64-mutation.js';
import { bidiMutation } from './mutations/bidi-mutation.js';
import { caseFlipMutation } from './mutations/case-flip-mutation.js';
import { codeFenceMutation } from './mutations/code-fence-mutation.js';
import { hexMutation } from './mutations/hex-mutation.js';
import { hiddenInDocumentMutation } from './mutations/hidden-in-document-mutation.js';
import { hiddenInReviewMutation } from './mutations/hidden-in-review-mutation.js';
import { homoglyphMutation } from './mutations/homoglyph-mutation.js';
import { languageMutation } from './mutations/language-mutation.js';
import { leetspeakMutation } from './mutations/leetspeak-mutation.js';
import { plainMutation } from './mutations/plain-mutation.js';
import { rolePlayMutation } from './mutations/role-play-mutation.js';
import { rot13Mutation } from './mutations/rot13-mutation.js';
import { spacingMutation } from './mutations/spacing-mutation.js';
import { stackedMutation } from './mutations/stacked-mutation.js';
import { tagSmugglingMutation } from './mutations/tag-smuggling-mutation.js';
import { zeroWidthMutation } from './mutations/zero-width-mutation.js';
import { SEED_LANGUAGES } from './seeds/suite-seed.js';

/** Every mutation the suite applies, in report order; `plain` first as the baseline. */
export const MUTATIONS: readonly Mutation[] = [
  plainMutation,
  base64Mutation,
  hexMutation,
  rot13Mutation,
  homoglyphMutation,
  zeroWidthMutation,
  bidiMutation,
  tagSmugglingMutation,
  leetspeakMutation,
  spacingMutation,
  caseFlipMutation,
  rolePlayMutation,
  codeFenceMutation,
  hiddenInDocumentMutation,
  hiddenInReviewMutation,
  ...SEED_LANGUAGES.map(languageMutation),
  stackedMutation,
];

export function mutationNamed(name: string): Mutation {
  const found = MUTATIONS.find((mutation) => mutation.name === name);
  if (!found) throw new Error(`no mutation '${name}' (one of ${MUTATIONS.map((m) => m.name).join(', ')})`);
  return found;
}
