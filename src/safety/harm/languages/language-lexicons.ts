import { GERMAN } from './de-lexicon.js';
import { SPANISH } from './es-lexicon.js';
import { FRENCH } from './fr-lexicon.js';
import { ITALIAN } from './it-lexicon.js';
import type { LanguageLexicon } from './language-lexicon.js';
import { PORTUGUESE } from './pt-lexicon.js';

/** Every lexicon besides the English one, matched in the same pass. */
export const LANGUAGE_LEXICONS: readonly LanguageLexicon[] = [FRENCH, SPANISH, GERMAN, ITALIAN, PORTUGUESE];
