export { AskInputError, MAX_ASK_TEXT_LENGTH, type AskErrorCode } from './ask-error.js';
export {
  ASK_SORTS,
  askEvidenceSchema,
  askIntentSchema,
  askTextSchema,
  emptyIntent,
  type AskEvidence,
  type AskIntent,
  type AskSort,
} from './intent.js';
export { buildVocabulary, type TermMeaning, type Vocabulary } from './vocabulary.js';
export { CLASSIC_UNTIL, parseIntent, RECENT_YEARS, type ParseIntentOptions } from './parse-intent.js';
export { MAX_ASK_LIMIT } from './read-constraints.js';
export {
  intentBoost,
  matchesIntent,
  resolveSimilarTitle,
  TITLE_OVERLAP_THRESHOLD,
  unknownConstraintCount,
  type AskCandidate,
} from './match-intent.js';
export {
  ANSWER_TEMPLATE_VERSION,
  composeAnswer,
  type AnswerCitation,
  type AnswerItem,
  type ComposeAnswerOptions,
  type ComposedAnswer,
} from './compose-answer.js';
