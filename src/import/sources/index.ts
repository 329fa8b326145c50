export { CandorJsonlSource, jsonlFileOf, readJsonLines } from './candor-jsonl-source.js';
export {
  type DetectSourceInput,
  type DetectSourceOptions,
  detectSource,
  detectSourceOptionsSchema,
} from './detect-source.js';
export { genreSlug } from './genre-slug.js';
export { type MappedFileFormat, type MappedFileOptions, MappedFileSource } from './mapped-file-source.js';
export {
  type ColumnMapping,
  type ConstantMapping,
  compileMapping,
  type FieldMapping,
  type FieldSource,
  loadMappingSpec,
  type MappingSpec,
  mappableFields,
  mappingSpecSchema,
  parseMappingString,
} from './mapping-spec.js';
export { MovieLens1mSource } from './movielens-1m-source.js';
export { MovieLens100kSource } from './movielens-100k-source.js';
export { MovieLensLatestSource } from './movielens-latest-source.js';
export type { RecordInputOf } from './record-inputs.js';
export { TRANSFORMS, type TransformName } from './value-transforms.js';
export type { DemographicsOptions } from './viewer-demographics.js';
