import type { ProfileMatrix } from '../../profiles/profile-matrix.js';
import type { ItemStatistics } from '../../profiles/item-statistics.js';
import type { ProfileFeature } from './profile-feature.js';

/**
 * Rating Deviation from Mean Agreement (Chirita, Nejdl & Zamfir 2005, "Preventing shilling attacks in
 * online recommender systems"): the mean over a profile's ratings of |r_ui - mean_i| / n_i, where n_i
 * counts item i's ratings. A push profile rates the target far from its mean, and the division by n_i
 * makes deviations on rarely rated items (where random filler lands) weigh most. NaN for a profile
 * without ratings.
 */
export function rdma(profiles: ProfileMatrix, stats: ItemStatistics): Float64Array | null {
  const { ratings, rowStart, itemIndex, nUsers } = profiles;
  if (!ratings) return null;
  const out = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u += 1) {
    let sum = 0;
    let n = 0;
    for (let e = rowStart[u] as number; e < (rowStart[u + 1] as number); e += 1) {
      const r = ratings[e] as number;
      if (Number.isNaN(r)) continue;
      const i = itemIndex[e] as number;
      sum += Math.abs(r - (stats.mean[i] as number)) / (stats.ratingCount[i] as number);
      n += 1;
    }
    out[u] = n > 0 ? sum / n : Number.NaN;
  }
  return out;
}

export const rdmaFeature: ProfileFeature = {
  name: 'rdma',
  description: 'rating deviation from item means, weighted by 1/ratings of the item (Chirita et al. 2005)',
  compute: ({ profiles, stats }) => rdma(profiles, stats),
};
