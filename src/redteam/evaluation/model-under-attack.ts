import { createHash } from 'node:crypto';
import { algorithmNamed, paramsFor } from '../../models/algorithms.js';
import type { InteractionMatrix } from '../../models/interaction-matrix.js';
import type { Scorer } from '../../models/recommender.js';
import { countMatrix, type ProfileMatrix } from '../profiles/profile-matrix.js';
import { type TargetExposure, targetExposure } from './target-exposure.js';

export interface ModelSpec {
  algorithm: string;
  params?: unknown;
}

/**
 * One recommender an attack is measured against: fitted on presence counts as `candor train` fits it,
 * with each target's no-attack exposure measured once (a fit on the genuine data alone) and kept, since
 * every attack on the same data compares with it.
 */
export class ModelUnderAttack {
  readonly algorithm: string;
  readonly params: Record<string, unknown>;
  private genuineFit: Promise<Scorer> | undefined;
  private readonly baselines = new Map<number, TargetExposure>();
  /** Exposures by training data fingerprint and target: the same data fits the same model. */
  private readonly measured = new Map<string, TargetExposure>();

  constructor(
    spec: ModelSpec,
    /** What every viewer is scored from: their genuine history, whatever the model was fitted on. */
    private readonly histories: InteractionMatrix,
    private readonly genuine: ProfileMatrix,
    readonly k: number,
  ) {
    const algorithm = algorithmNamed(spec.algorithm);
    this.algorithm = algorithm.name;
    this.params = paramsFor(algorithm, spec.params);
  }

  fit(profiles: ProfileMatrix): Promise<Scorer> {
    return algorithmNamed(this.algorithm).fit(countMatrix(profiles), this.params);
  }

  /**
   * The target's exposure to the genuine viewers under a model fitted on `profiles`. Fits are
   * deterministic, so identical training data is measured once: attacks that differ only in ratings
   * (random and average) train implicit models on the same presence, and the defended data of different
   * attacks on one target is often the genuine data less the same few viewers.
   */
  async exposureAfterFit(profiles: ProfileMatrix, target: number): Promise<TargetExposure> {
    const key = `${fingerprint(profiles)}:${target}`;
    const known = this.measured.get(key);
    if (known) return known;
    const exposure = targetExposure(await this.fit(profiles), this.histories, target, this.k);
    if (this.measured.size >= MEMO_SIZE) this.measured.delete(this.measured.keys().next().value as string);
    this.measured.set(key, exposure);
    return exposure;
  }

  /** The target's exposure with no attack and no defence. */
  async baseline(target: number): Promise<TargetExposure> {
    const known = this.baselines.get(target);
    if (known) return known;
    this.genuineFit ??= this.fit(this.genuine);
    const exposure = targetExposure(await this.genuineFit, this.histories, target, this.k);
    this.baselines.set(target, exposure);
    return exposure;
  }
}

const MEMO_SIZE = 256;

/** Identifies the presence data a model is fitted on (rows, items, counts). */
function fingerprint(profiles: ProfileMatrix): string {
  const hash = createHash('sha256');
  for (const array of [profiles.rowStart, profiles.itemIndex, profiles.counts])
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return hash.digest('base64url');
}
