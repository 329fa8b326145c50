import { normalize } from '../text/normalize.js';
import { createVocabulary, type Vocabulary, wordsOf } from '../text/vocabulary.js';
import { CONTEXT_MARKERS } from './context-rules.js';
import { HARM_PATTERNS } from './harm-patterns.js';
import { HATE_TERMS } from './hate-lexicon.js';
import { LANGUAGE_LEXICONS } from './languages/language-lexicons.js';
import { profanityLexicon } from './profanity-lexicon.js';
import { SELF_HARM_TERMS } from './self-harm-lexicon.js';
import { SEXUAL_TERMS } from './sexual-lexicon.js';
import { VIOLENCE_TERMS } from './violence-lexicon.js';

/** The literal words of a pattern's source: escapes (\b, \s) and character classes dropped. */
export function wordsOfPattern(pattern: RegExp): string[] {
  return wordsOf([pattern.source.replace(/\\[a-zA-Z]|\[[^\]]*\]/g, ' ')]).filter((w) => w.length > 2);
}

/** Every word of the harm lexicons, context markers, sentence patterns and profanity list, normalized. */
export function harmWords(): string[] {
  const phrases = [
    ...HATE_TERMS,
    ...SEXUAL_TERMS,
    ...VIOLENCE_TERMS,
    ...SELF_HARM_TERMS,
    ...LANGUAGE_LEXICONS.flatMap((lexicon) => lexicon.terms),
  ].map((term) => term.phrase);
  const markers = [...CONTEXT_MARKERS, ...LANGUAGE_LEXICONS.flatMap((lexicon) => lexicon.markers)];
  phrases.push(...markers.map((marker) => marker.phrase));
  phrases.push(...profanityLexicon().spellings.map((spelling) => spelling.word));
  return [
    ...wordsOf(phrases.map((phrase) => normalize(phrase).text)),
    ...HARM_PATTERNS.flatMap((pattern) => wordsOfPattern(pattern.pattern)),
  ];
}

let vocabulary: Vocabulary | undefined;

/** The vocabulary detectHarm normalizes with when the caller passes no normalized text. */
export function harmVocabulary(): Vocabulary {
  return (vocabulary ??= createVocabulary(harmWords()));
}
