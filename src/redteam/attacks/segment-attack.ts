import { rowRange } from '../profiles/profile-matrix.js';
import type { AttackInput } from './shilling-attack.js';
import { buildAttackProfiles } from './attack-profiles.js';
import { mostPopular } from './bandwagon-attack.js';
import type { ShillingAttack } from './shilling-attack.js';

/**
 * The segment: the most popular items sharing a genre with the target; without genres, the items most
 * often seen together with it (the segment is then "who watched this kind of thing").
 */
export function segmentItems(input: AttackInput, target: number, n: number): Int32Array {
  const { genuine, stats, itemGenres } = input;
  const targetGenres = new Set(Array.from(itemGenres?.[target] ?? []));
  const affinity = new Float64Array(genuine.nItems);
  if (targetGenres.size > 0 && itemGenres) {
    itemGenres.forEach((genres, item) => {
      if (Array.from(genres).some((g) => targetGenres.has(g)))
        affinity[item] = stats.popularity[item] as number;
    });
  } else {
    for (let u = 0; u < genuine.nUsers; u += 1) {
      const [start, end] = rowRange(genuine, u);
      const row = genuine.itemIndex.subarray(start, end);
      if (!row.includes(target)) continue;
      for (const item of row) affinity[item] = (affinity[item] as number) + 1;
    }
  }
  return mostPopular(affinity, n, target);
}

/**
 * Segment attack (Mobasher et al. 2005, 2007): aimed at the viewers of one segment, it rates the segment's
 * favourite items and the target at the maximum and the filler at the minimum, so the target becomes
 * similar to what the segment likes while the profile stays unlike everyone else.
 */
export const segmentAttack: ShillingAttack = {
  name: 'segment',
  description: 'the target’s segment favourites and the target at the maximum; filler at the minimum',
  inject(input, spec) {
    const low = input.stats.scale?.min ?? Number.NaN;
    return buildAttackProfiles(input, spec, {
      selected: segmentItems(input, spec.target, spec.selected),
      selectedRating: 'max',
      fillerRating: () => low,
    });
  },
};
