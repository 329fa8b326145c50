export { detectHarm, type DetectHarmOptions, type HarmResult, type ToxicityScores } from './detect-harm.js';
export {
  createProfanityDetector,
  detectProfanity,
  DEFAULT_PROFANITY_WHITELIST,
  type ProfanityDetector,
  type ProfanityOptions,
} from './detect-profanity.js';
export { hateFloorFromClassifier, toxicityBoost } from './context-rules.js';
export { type LexiconTerm, type TermRole } from './lexicon.js';
