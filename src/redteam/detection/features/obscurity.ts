import type { ItemStatistics } from '../../profiles/item-statistics.js';
import type { ProfileMatrix } from '../../profiles/profile-matrix.js';
import type { ProfileFeature } from './profile-feature.js';

/**
 * Popularity deviation: the mean self-information -log2(viewers of i / profiles) of a profile's items.
 * Viewers find titles through what is popular, so genuine profiles lean to the head of the catalog;
 * filler drawn uniformly at random (as the random, average and bandwagon models draw it, Mobasher et
 * al. 2007) lands mostly in the long tail. Works on implicit data alike.
 */
export function obscurity(profiles: ProfileMatrix, stats: ItemStatistics): Float64Array {
  const { nUsers, rowStart, itemIndex } = profiles;
  const out = new Float64Array(nUsers);
  for (let u = 0; u < nUsers; u += 1) {
    const start = rowStart[u] as number;
    const end = rowStart[u + 1] as number;
    let sum = 0;
    for (let e = start; e < end; e += 1)
      sum -= Math.log2((stats.popularity[itemIndex[e] as number] as number) / nUsers);
    out[u] = end > start ? sum / (end - start) : 0;
  }
  return out;
}

export const obscurityFeature: ProfileFeature = {
  name: 'obscurity',
  description: 'mean self-information of the profile’s items: how far it leans to the long tail',
  compute: ({ profiles, stats }) => obscurity(profiles, stats),
};
