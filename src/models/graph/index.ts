export { type GfcfParams, gfcfParamsSchema } from './gfcf-params.js';
export { gfcfAlgorithm } from './gfcf-scorer.js';
