import { algorithmNamed } from './algorithms.js';
import { type ModelManifest, readAliases, readArtifact } from './model-artifact.js';
import type { Scorer } from './recommender.js';

export interface LoadedModel {
  manifest: ModelManifest;
  /** Column i of the model is the item with this Candor id. */
  itemIds: string[];
  scorer: Scorer;
}

/** Rebuilds a fitted model from its artifact (no training). */
export function loadModel(dataDir: string, id: string): LoadedModel {
  const { manifest, itemIds, arrays } = readArtifact(dataDir, id);
  const algorithm = algorithmNamed(manifest.algorithm);
  const params = algorithm.paramsSchema.parse(manifest.params);
  return { manifest, itemIds, scorer: algorithm.load(arrays, params, itemIds.length) };
}

/** The model the `production` alias names, or undefined when there is none yet. */
export function loadProductionModel(dataDir: string): LoadedModel | undefined {
  const id = readAliases(dataDir).production;
  return id ? loadModel(dataDir, id) : undefined;
}
