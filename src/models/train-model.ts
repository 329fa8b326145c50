import type { Store } from '../store/open-store.js';
import { VERSION } from '../version.js';
import { algorithmNamed, paramsFor } from './algorithms.js';
import { type ModelManifest, readAliases, setAlias, writeArtifact } from './model-artifact.js';
import type { FitContext } from './recommender.js';
import { loadTrainingSnapshot } from './training-snapshot.js';

export interface TrainResult {
  manifest: ModelManifest;
  seconds: number;
}

/** Fits a model on the store's interactions and writes its artifact; optionally names it (e.g. production). */
export async function trainModel(
  store: Store,
  dataDir: string,
  options: { algorithm: string; params?: unknown; alias?: string; context?: FitContext },
): Promise<TrainResult> {
  const started = performance.now();
  const algorithm = algorithmNamed(options.algorithm);
  const params = paramsFor(algorithm, options.params);
  const snapshot = await loadTrainingSnapshot(store);
  const scorer = await algorithm.fit(snapshot.matrix, params, options.context);
  const manifest = writeArtifact(
    dataDir,
    {
      algorithm: algorithm.name,
      params,
      data: {
        snapshotHash: snapshot.hash,
        events: snapshot.events,
        viewers: snapshot.subjectIds.length,
        items: snapshot.itemIds.length,
        lastEventAt: snapshot.lastEventAt,
      },
      metrics: {},
      codeVersion: VERSION,
      parent: readAliases(dataDir).production ?? null,
    },
    snapshot.itemIds,
    scorer.weights(),
  );
  if (options.alias) setAlias(dataDir, options.alias, manifest.id);
  return { manifest, seconds: (performance.now() - started) / 1000 };
}
