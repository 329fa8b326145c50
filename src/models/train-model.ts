import { createHash } from 'node:crypto';
import type { Store } from '../store/open-store.js';
import { VERSION } from '../version.js';
import { Pseudonymizer } from '../privacy/pseudonymizer.js';
import { loadOrCreateSecret } from '../privacy/secret-file.js';
import { algorithmNamed, paramsFor } from './algorithms.js';
import type { DatasetEvents } from './dataset-events.js';
import { matrixFromTriplets } from './interaction-matrix.js';
import { moveAlias } from '../governance/registry/alias-history.js';
import { type ModelManifest, readAliases, writeArtifact } from './model-artifact.js';
import type { FitContext } from './recommender.js';
import { loadTrainingSnapshot, type TrainingSnapshot } from './training-snapshot.js';
import { QuarantineRepository } from '../redteam/quarantine/quarantine-repository.js';
import { scanProfilesAudited } from '../redteam/quarantine/scan-profiles.js';

export interface TrainResult {
  manifest: ModelManifest;
  seconds: number;
}

export interface TrainOptions {
  algorithm: string;
  params?: unknown;
  context?: FitContext;
}

export interface StoreTrainOptions extends TrainOptions {
  /**
   * What the new version is named: `candidate` (the default; it reaches production through the
   * promotion gate) or `production` directly (operators bootstrapping a registry, tests, the demo).
   */
  alias?: 'candidate' | 'production';
  /** Who trained it, for the alias history (default `system:train`). */
  actor?: string;
  /**
   * Scan every profile for signs of a shilling attack first, quarantining the suspicious ones (audited);
   * `candor train` turns it on when the config's `redteam.scanBeforeTraining` says so. Profiles already
   * quarantined are left out of the snapshot either way.
   */
  scanProfiles?: boolean;
}

/**
 * Fits a model on the store's interactions, writes its artifact, and names it (`candidate` unless told
 * otherwise); the alias move is recorded in the registry's history.
 */
export async function trainModel(
  store: Store,
  dataDir: string,
  options: StoreTrainOptions,
): Promise<TrainResult> {
  const pseudonymizer = new Pseudonymizer(
    loadOrCreateSecret(dataDir, 'pseudonym', 'CANDOR_PSEUDONYM_SECRET'),
  );
  const actor = options.actor ?? 'system:train';
  if (options.scanProfiles) await scanProfilesAudited(store, { actor });
  const quarantineAsOf = new Date().toISOString();
  const quarantined = await new QuarantineRepository(store.db).excludedSubjectsAt(quarantineAsOf);
  const snapshot = await loadTrainingSnapshot(store, { pseudonymizer, quarantined });
  const result = await trainOnSnapshot(dataDir, snapshot, 'store', 'candor', options, quarantineAsOf);
  const alias = options.alias ?? 'candidate';
  const firstProduction = alias === 'production' && readAliases(dataDir).production === undefined;
  await moveAlias(store.db, dataDir, {
    alias,
    modelId: result.manifest.id,
    action: firstProduction ? 'bootstrap' : 'set',
    actor,
    reason: 'trained',
  });
  return result;
}

/**
 * Fits a model on a dataset read straight from its files (`candor train --data DIR`). The artifact's
 * items are the dataset's external ids, since the store may not hold them, so it is given no alias: it
 * can be evaluated and inspected, never served.
 */
export async function trainModelOnDataset(
  dataDir: string,
  events: DatasetEvents,
  sourcePath: string,
  options: TrainOptions,
): Promise<TrainResult> {
  const matrix = matrixFromTriplets(events.userIds.length, events.itemIds.length, events.users, events.items);
  const hash = createHash('sha256');
  for (let i = 0; i < events.users.length; i += 1) {
    hash.update(
      `${events.userIds[events.users[i] as number]}\t${events.itemIds[events.items[i] as number]}\t${events.times[i]}\n`,
    );
  }
  let last = Number.NEGATIVE_INFINITY;
  for (const time of events.times) last = Math.max(last, time);
  const snapshot: TrainingSnapshot = {
    matrix,
    viewers: events.userIds,
    itemIds: events.itemIds,
    events: events.users.length,
    hash: hash.digest('hex'),
    lastEventAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
    maxSeq: 0,
    // A dataset read from files carries no consent ledger: the operator answers for its basis.
    consent: null,
    quarantinedViewers: 0,
  };
  return trainOnSnapshot(dataDir, snapshot, sourcePath, 'external', options);
}

async function trainOnSnapshot(
  dataDir: string,
  snapshot: TrainingSnapshot,
  source: string,
  itemIdSpace: 'candor' | 'external',
  options: TrainOptions,
  quarantineAsOf?: string,
): Promise<TrainResult> {
  const started = performance.now();
  const algorithm = algorithmNamed(options.algorithm);
  const params = paramsFor(algorithm, options.params);
  const scorer = await algorithm.fit(snapshot.matrix, params, options.context);
  const manifest = writeArtifact(
    dataDir,
    {
      algorithm: algorithm.name,
      params,
      data: {
        snapshotHash: snapshot.hash,
        events: snapshot.events,
        viewers: snapshot.viewers.length,
        items: snapshot.itemIds.length,
        lastEventAt: snapshot.lastEventAt,
        source,
        itemIdSpace,
        ...(source === 'store' ? { maxSeq: snapshot.maxSeq } : {}),
        consent: snapshot.consent,
        ...(quarantineAsOf ? { quarantinedViewers: snapshot.quarantinedViewers, quarantineAsOf } : {}),
      },
      metrics: {},
      codeVersion: VERSION,
      parent: readAliases(dataDir).production ?? null,
    },
    snapshot.itemIds,
    scorer.weights(),
  );
  return { manifest, seconds: (performance.now() - started) / 1000 };
}
