import { buildAttackProfiles, normal } from './attack-profiles.js';
import type { ShillingAttack } from './shilling-attack.js';

/**
 * Average attack (Lam & Riedl 2004): each filler item rated around its own mean with its own spread, so
 * the profile agrees with the crowd everywhere but on the target. The attacker needs every item's mean,
 * which makes the profiles blend in: the hardest of the classic models to spot by rating deviation.
 */
export const averageAttack: ShillingAttack = {
  name: 'average',
  description: 'filler rated around each item’s mean; target at the maximum',
  inject(input, spec) {
    const { mean, sd } = input.stats;
    return buildAttackProfiles(input, spec, {
      selected: new Int32Array(0),
      selectedRating: 'max',
      fillerRating: (item, random) => normal(random, mean[item] as number, sd[item] as number),
    });
  },
};
