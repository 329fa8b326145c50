import { buildAttackProfiles, normal } from './attack-profiles.js';
import type { ShillingAttack } from './shilling-attack.js';

/**
 * Random attack (Lam & Riedl 2004): filler ratings drawn around the global mean with the global spread,
 * the target at the top of the scale, nothing selected. Needs only system-wide statistics.
 */
export const randomAttack: ShillingAttack = {
  name: 'random',
  description: 'filler rated around the global mean; target at the maximum',
  inject(input, spec) {
    const { globalMean, globalSd } = input.stats;
    return buildAttackProfiles(input, spec, {
      selected: new Int32Array(0),
      selectedRating: 'max',
      fillerRating: (_item, random) => normal(random, globalMean, globalSd),
    });
  },
};
