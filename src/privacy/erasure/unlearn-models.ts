import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { algorithmNamed } from '../../models/algorithms.js';
import { historyOf, type ItemHistory } from '../../models/interaction-matrix.js';
import { loadModel } from '../../models/load-model.js';
import {
  isRetired,
  listManifests,
  readArtifactItemIds,
  type ModelManifest,
  modelsDir,
  readAliases,
  writeArtifact,
} from '../../models/model-artifact.js';
import { moveAlias } from '../../governance/registry/alias-history.js';
import type { Scorer } from '../../models/recommender.js';
import { loadTrainingSnapshot, trainingRowOf } from '../../models/training-snapshot.js';
import { QuarantineRepository } from '../../redteam/quarantine/quarantine-repository.js';
import type { Store } from '../../store/open-store.js';
import type { Pseudonymizer } from '../pseudonymizer.js';
import type { ModelErasure } from './erasure-certificate.js';

/** Largest |score difference| an unlearned model may have from a retrain to count as equal to it. */
export const UNLEARNING_TOLERANCE = 1e-6;
/** Viewers whose full score vectors are compared in the verification. */
const VERIFY_VIEWERS = 50;

interface AliasedModel {
  aliases: string[];
  manifest: ModelManifest;
  /** The subject's row as this model saw it; null when the model never saw them. */
  row: ItemHistory | null;
}

/** What must happen to the models, found before any row is deleted (the rows are needed to find it). */
export interface UnlearningPlan {
  aliased: AliasedModel[];
  /** Other versions trained on the subject's data: their weights are deleted, their manifests kept. */
  retire: string[];
}

const asOfOf = (manifest: ModelManifest) =>
  manifest.data.source === 'store' && manifest.data.maxSeq !== undefined && manifest.data.consent
    ? { maxSeq: manifest.data.maxSeq, ledgerSeq: manifest.data.consent.ledgerSeq }
    : undefined;

export async function planUnlearning(
  store: Store,
  dataDir: string,
  subjectId: string,
): Promise<UnlearningPlan> {
  const aliases = readAliases(dataDir);
  const byModel = new Map<string, string[]>();
  for (const [alias, id] of Object.entries(aliases)) byModel.set(id, [...(byModel.get(id) ?? []), alias]);
  const aliased: AliasedModel[] = [];
  const retire: string[] = [];
  for (const manifest of listManifests(dataDir)) {
    if (isRetired(dataDir, manifest.id)) continue;
    const asOf = asOfOf(manifest);
    const names = byModel.get(manifest.id);
    if (!asOf) {
      // Trained from files, or before consent snapshots: who went in is unknown, so it cannot be kept.
      if (names) aliased.push({ aliases: names, manifest, row: null });
      else if (manifest.data.source === 'store') retire.push(manifest.id);
      continue;
    }
    const itemIds = readArtifactItemIds(dataDir, manifest.id);
    // A subject quarantined as a suspected fake when the model was trained never reached it.
    const quarantined = await quarantinedFor(store, manifest);
    const row = quarantined?.has(subjectId)
      ? null
      : await trainingRowOf(store, subjectId, { ...asOf, itemIds });
    if (names) aliased.push({ aliases: names, manifest, row });
    else if (row) retire.push(manifest.id);
  }
  return { aliased, retire };
}

/** Who was quarantined when the model's snapshot was taken (undefined: it predates the quarantine). */
async function quarantinedFor(store: Store, manifest: ModelManifest): Promise<Set<string> | undefined> {
  const at = manifest.data.quarantineAsOf;
  return at === undefined ? undefined : new QuarantineRepository(store.db).excludedSubjectsAt(at);
}

/** Removes a model version's weights; its manifest stays for the lineage of its descendants. */
export function retireArtifact(dataDir: string, id: string): void {
  rmSync(join(modelsDir(dataDir), id, 'weights.bin'), { force: true });
}

/**
 * Applies the plan after the rows are gone: each aliased model that saw the subject is unlearned
 * (exactly where the algorithm can, otherwise refit), written as a new version whose parent is the old
 * one, and the aliases move to it; the old weights are deleted. With `verify`, a model retrained on the
 * same snapshot without the subject is compared with it on sampled viewers.
 */
export async function applyUnlearning(
  store: Store,
  dataDir: string,
  pseudonymizer: Pseudonymizer,
  plan: UnlearningPlan,
  options: { verify: boolean; certificateId: string; at: string },
): Promise<ModelErasure[]> {
  const results: ModelErasure[] = [];
  for (const { aliases, manifest, row } of plan.aliased) {
    const base = {
      alias: aliases.join(','),
      before: manifest.id,
      algorithm: manifest.algorithm,
    };
    if (!row) {
      results.push({
        ...base,
        after: manifest.id,
        influence: 'none',
        method: asOfOf(manifest)
          ? 'the subject was not in this model’s training snapshot'
          : 'trained outside the store: the subject’s data was not among its inputs',
        exact: true,
        followUp: null,
        seconds: 0,
        verification: null,
      });
      continue;
    }
    const asOf = asOfOf(manifest) as { maxSeq: number; ledgerSeq: number };
    const loaded = loadModel(dataDir, manifest.id);
    const algorithm = algorithmNamed(manifest.algorithm);
    const params = algorithm.paramsSchema.parse(manifest.params);
    const quarantined = await quarantinedFor(store, manifest);
    const snapshot = await loadTrainingSnapshot(store, {
      pseudonymizer,
      asOf: { ...asOf, itemIds: loaded.itemIds },
      ...(quarantined ? { quarantined } : {}),
    });
    const started = performance.now();
    let scorer: Scorer;
    let method: string;
    let exact: boolean;
    let followUp: string | null = null;
    if (loaded.scorer.forget) {
      const unlearned = await loaded.scorer.forget([row], { remaining: async () => snapshot.matrix });
      ({ scorer, method, exact } = unlearned);
      followUp = unlearned.followUp ?? null;
    } else {
      scorer = await algorithm.fit(snapshot.matrix, params);
      method = `${manifest.algorithm} cannot unlearn in place: refit on the snapshot without the subject`;
      exact = true;
    }
    const seconds = (performance.now() - started) / 1000;
    const written = writeArtifact(
      dataDir,
      {
        algorithm: manifest.algorithm,
        params: manifest.params,
        data: {
          ...manifest.data,
          snapshotHash: snapshot.hash,
          events: snapshot.events,
          viewers: snapshot.viewers.length,
          lastEventAt: snapshot.lastEventAt,
          maxSeq: snapshot.maxSeq,
          consent: snapshot.consent,
          ...(quarantined ? { quarantinedViewers: snapshot.quarantinedViewers } : {}),
        },
        metrics: manifest.metrics,
        codeVersion: manifest.codeVersion,
        parent: manifest.id,
        unlearning: [
          ...manifest.unlearning,
          { at: options.at, viewers: 1, method, exact, certificate: options.certificateId },
        ],
      },
      loaded.itemIds,
      scorer.weights(),
    );
    // Recorded in the registry's history: a rollback treats the forgetful copy as the version it replaced.
    for (const alias of aliases) {
      await moveAlias(store.db, dataDir, {
        alias,
        modelId: written.id,
        action: 'unlearn',
        actor: 'system:erasure',
        reason: `erasure certificate ${options.certificateId}`,
      });
    }
    retireArtifact(dataDir, manifest.id);
    let verification: ModelErasure['verification'] = null;
    if (options.verify) {
      const retrainStarted = performance.now();
      const retrained = await algorithm.fit(snapshot.matrix, params);
      const retrainSeconds = (performance.now() - retrainStarted) / 1000;
      const { sampled, maxDifference } = compareScorers(scorer, retrained, snapshot.matrix, VERIFY_VIEWERS);
      verification = {
        sampledViewers: sampled,
        maxAbsScoreDifference: maxDifference,
        tolerance: UNLEARNING_TOLERANCE,
        passed: maxDifference <= UNLEARNING_TOLERANCE,
        retrainSeconds,
      };
    }
    results.push({
      ...base,
      after: written.id,
      influence: 'removed',
      method,
      exact,
      followUp,
      seconds,
      verification,
    });
  }
  for (const id of plan.retire) retireArtifact(dataDir, id);
  return results;
}

/** Max |a - b| over every item's score, for up to `limit` viewers spread evenly over the matrix. */
function compareScorers(
  a: Scorer,
  b: Scorer,
  matrix: Parameters<typeof historyOf>[0],
  limit: number,
): { sampled: number; maxDifference: number } {
  const n = matrix.nUsers;
  const count = Math.min(limit, n);
  let maxDifference = 0;
  const left = new Float32Array(a.nItems);
  const right = new Float32Array(b.nItems);
  for (let s = 0; s < count; s += 1) {
    const user = Math.floor((s * n) / count);
    const history = historyOf(matrix, user);
    a.score(history, left);
    b.score(history, right);
    for (let i = 0; i < left.length; i += 1) {
      const difference = Math.abs((left[i] as number) - (right[i] as number));
      if (difference > maxDifference || Number.isNaN(difference)) maxDifference = difference;
    }
  }
  return { sampled: count, maxDifference };
}
