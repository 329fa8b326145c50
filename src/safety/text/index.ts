export {
  normalize,
  originalSpan,
  hadLongRepeat,
  isLetter,
  isWordCode,
  type NormalizedText,
  type NormalizeOptions,
} from './normalize.js';
export { buildPhraseMatcher, type PhraseMatch, type PhraseMatcher } from './aho-corasick.js';
export { CONFUSABLES, isConfusableLetter } from './confusables.js';
export { isInvisible } from './invisible.js';
