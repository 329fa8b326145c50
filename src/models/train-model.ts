import type { Store } from '../store/open-store.js';
import { VERSION } from '../version.js';
import { fitPopularity, popularityParamsSchema } from './basic/popularity-scorer.js';
import { type ModelManifest, readAliases, setAlias, writeArtifact } from './model-artifact.js';
import { loadTrainingSnapshot } from './training-snapshot.js';

export const ALGORITHMS = ['popularity'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export interface TrainResult {
  manifest: ModelManifest;
  seconds: number;
}

/** Fits a model on the store's interactions and writes its artifact; optionally names it production. */
export async function trainModel(
  store: Store,
  dataDir: string,
  options: { algorithm: Algorithm; params?: Record<string, unknown>; alias?: string },
): Promise<TrainResult> {
  const started = performance.now();
  const snapshot = await loadTrainingSnapshot(store);
  const params = popularityParamsSchema.parse(options.params ?? {});
  const scores = fitPopularity(snapshot);
  const manifest = writeArtifact(
    dataDir,
    {
      algorithm: options.algorithm,
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
    { scores },
  );
  if (options.alias) setAlias(dataDir, options.alias, manifest.id);
  return { manifest, seconds: (performance.now() - started) / 1000 };
}
