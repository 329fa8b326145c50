import type { ShillingAttack, ShillingSpec } from '../attacks/shilling-attack.js';
import { type DetectionQuality, detectionQuality } from '../detection/detection-quality.js';
import { type DetectorOptions, scoreProfiles } from '../detection/profile-scorer.js';
import { type ItemStatistics, itemStatistics } from '../profiles/item-statistics.js';
import {
  appendProfiles,
  countMatrix,
  type ProfileMatrix,
  withoutProfiles,
} from '../profiles/profile-matrix.js';
import { ModelUnderAttack, type ModelSpec } from './model-under-attack.js';
import type { TargetExposure } from './target-exposure.js';

/** The genuine data attacks are injected into, and the models they are measured against. */
export class ShillingExperiment {
  readonly stats: ItemStatistics;
  readonly models: ModelUnderAttack[];

  constructor(
    readonly genuine: ProfileMatrix,
    models: readonly ModelSpec[],
    /** List length the hit ratio is measured at. */
    readonly k: number,
    readonly itemGenres?: readonly ArrayLike<number>[],
  ) {
    this.stats = itemStatistics(genuine);
    const histories = countMatrix(genuine);
    this.models = models.map((spec) => new ModelUnderAttack(spec, histories, genuine, k));
  }
}

/** A target's exposure under one model in the three conditions. */
export interface ModelOutcome {
  algorithm: string;
  noAttack: TargetExposure;
  /** Fitted on genuine and fake profiles alike. */
  attacked: TargetExposure;
  /** Fitted without the profiles the detector flagged (fakes and any genuine viewers caught with them). */
  defended: TargetExposure;
}

/** One attack on one target: what detection caught, and what the attack did to each model. */
export interface TargetOutcome {
  target: number;
  /** Viewers of the target before the attack. */
  viewers: number;
  detection: DetectionQuality;
  models: ModelOutcome[];
}

/**
 * Injects the attack against `target` into a copy of the genuine profiles (the experiment's data is
 * never changed), scores every profile with the detector, and fits each model (or those named) twice:
 * on everything, and without the flagged profiles.
 */
export async function attackTarget(
  experiment: ShillingExperiment,
  attack: ShillingAttack,
  spec: Omit<ShillingSpec, 'target'>,
  target: number,
  options: { detector?: DetectorOptions; models?: readonly string[] } = {},
): Promise<TargetOutcome> {
  const { genuine, stats, itemGenres } = experiment;
  const injected = attack.inject(
    { genuine, stats, ...(itemGenres ? { itemGenres } : {}) },
    { ...spec, target },
  );
  const all = appendProfiles(genuine, injected.profiles);
  const { flagged } = scoreProfiles(all, options.detector);
  const defendedData = withoutProfiles(all, flagged);
  const models: ModelOutcome[] = [];
  for (const model of experiment.models) {
    if (options.models && !options.models.includes(model.algorithm)) continue;
    models.push({
      algorithm: model.algorithm,
      noAttack: await model.baseline(target),
      attacked: await model.exposureAfterFit(all, target),
      defended: await model.exposureAfterFit(defendedData, target),
    });
  }
  return {
    target,
    viewers: stats.popularity[target] as number,
    detection: detectionQuality(flagged, genuine.nUsers),
    models,
  };
}
