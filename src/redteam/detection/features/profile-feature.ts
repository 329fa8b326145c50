import type { ItemRaters } from '../../profiles/item-raters.js';
import type { ItemStatistics } from '../../profiles/item-statistics.js';
import type { ProfileMatrix } from '../../profiles/profile-matrix.js';

/** What every feature may read: the profiles, their item statistics and the by-item index. */
export interface FeatureInput {
  readonly profiles: ProfileMatrix;
  /** Statistics over all profiles: the detector cannot tell the genuine ones apart yet. */
  readonly stats: ItemStatistics;
  readonly raters: ItemRaters;
}

/**
 * One unsupervised signal of a fake profile: a value per profile, oriented so that higher is more
 * suspicious. `compute` returns null when the data cannot carry the signal (rating features on
 * implicit data), and the scorer then leaves the feature out.
 */
export interface ProfileFeature {
  readonly name: string;
  readonly description: string;
  compute(input: FeatureInput): Float64Array | null;
}
