export {
  BLEND,
  type BlendMember,
  type BlendParams,
  DEFAULT_BLEND_MEMBERS,
  blendParamsSchema,
} from './blend-params.js';
export { type AlgorithmLookup, createBlendAlgorithm } from './blend-scorer.js';
