export { type EaseParams, easeParamsSchema } from './ease-params.js';
export { easeAlgorithm } from './ease-scorer.js';
export { EASE_MAX_ITEMS, assertEaseFits, easePeakBytes } from './ease-solve.js';
