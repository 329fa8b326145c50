export {
  anonymize,
  anonymizeOperatorSchema,
  anonymizeOperatorsSchema,
  deanonymizeToken,
  type AnonymizedItem,
  type AnonymizeOperator,
  type AnonymizeOperatorKind,
  type AnonymizeOperators,
  type AnonymizeResult,
} from './anonymize.js';
export { scorePiiCorpus, type CorpusMetrics, type TypeMetrics } from './corpus-metrics.js';
export { DEFAULT_PII_MIN_SCORE, detectPii, type DetectPiiOptions } from './detect-pii.js';
export { mergeOverlaps, resolveOverlaps, type MergedSpan } from './overlaps.js';
export { PII_TYPES, type PiiRecognizer, type PiiType } from './recognizer.js';
export { PII_RECOGNIZERS } from './recognizers.js';
export { generatePiiCorpus, type ExpectedPii, type PiiSample } from './synthetic-pii.js';
