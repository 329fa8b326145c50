import { buildAttackProfiles, normal } from './attack-profiles.js';
import type { ShillingAttack } from './shilling-attack.js';

/** The n most popular items other than the target, most popular first (ties: lower index). */
export function mostPopular(popularity: Float64Array, n: number, exclude: number): Int32Array {
  const order = Int32Array.from({ length: popularity.length }, (_, i) => i)
    .filter((i) => i !== exclude && (popularity[i] as number) > 0)
    .sort((a, b) => (popularity[b] as number) - (popularity[a] as number) || a - b);
  return order.slice(0, n);
}

/**
 * Bandwagon attack (Mobasher et al. 2007): the `selected` most popular items rated at the maximum, so the
 * profiles resemble the many viewers who liked the blockbusters, filler as in the random attack. Cheap
 * (popularity is public knowledge) and nearly as effective as the average attack.
 */
export const bandwagonAttack: ShillingAttack = {
  name: 'bandwagon',
  description: 'the most popular items and the target at the maximum; filler around the global mean',
  inject(input, spec) {
    const { globalMean, globalSd, popularity } = input.stats;
    return buildAttackProfiles(input, spec, {
      selected: mostPopular(popularity, spec.selected, spec.target),
      selectedRating: 'max',
      fillerRating: (_item, random) => normal(random, globalMean, globalSd),
    });
  },
};
