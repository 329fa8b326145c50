export { generateSynthetic, type SyntheticDataset } from './generate-synthetic.js';
export { cumulativeWeights, SeededRandom, searchCumulative, weightedTable } from './seeded-random.js';
export type { PlantedBias, SyntheticGroundTruth } from './synthetic-ground-truth.js';
export { GENERATOR_NAME, GENERATOR_VERSION } from './synthetic-ground-truth.js';
export {
  parseSyntheticParams,
  type SyntheticParams,
  type SyntheticParamsInput,
  syntheticParamsSchema,
} from './synthetic-params.js';
export type { RelevanceRecord } from './synthetic-records.js';
export {
  GROUND_TRUTH_FILE,
  RELEVANCE_FILE,
  type SyntheticFile,
  type SyntheticProgress,
  type SyntheticWriteResult,
  writeSyntheticDataset,
} from './write-synthetic.js';
