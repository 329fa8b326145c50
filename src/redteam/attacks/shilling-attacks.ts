import { averageAttack } from './average-attack.js';
import { bandwagonAttack } from './bandwagon-attack.js';
import { randomAttack } from './random-attack.js';
import { segmentAttack } from './segment-attack.js';
import { SHILLING_ATTACKS, type ShillingAttack, type ShillingAttackName } from './shilling-attack.js';

export const SHILLING: Readonly<Record<ShillingAttackName, ShillingAttack>> = {
  random: randomAttack,
  average: averageAttack,
  bandwagon: bandwagonAttack,
  segment: segmentAttack,
};

export function shillingAttackNamed(name: string): ShillingAttack {
  const attack = (SHILLING as Record<string, ShillingAttack>)[name];
  if (!attack) throw new Error(`unknown shilling attack '${name}' (one of ${SHILLING_ATTACKS.join(', ')})`);
  return attack;
}
