import { type RedteamFamily, RedteamOptionError } from './redteam-family.js';
import { accessFamily } from './access-family.js';
import { gatewayFamily } from './gateway-family.js';
import { shillingFamily } from './shilling-family.js';

/** Every attack family `candor redteam` knows, by name, in the order `--all` runs them. */
const FAMILIES = new Map<string, RedteamFamily>(
  [shillingFamily, gatewayFamily, accessFamily].map((family) => [family.name, family]),
);

export function registerRedteamFamily(family: RedteamFamily): void {
  if (FAMILIES.has(family.name)) throw new Error(`red team family '${family.name}' is registered already`);
  FAMILIES.set(family.name, family);
}

export const redteamFamilies = (): RedteamFamily[] => [...FAMILIES.values()];

/** Every `family:variant` kind, in registration order. */
export const attackKinds = (): string[] =>
  redteamFamilies().flatMap((family) => family.variants.map((variant) => `${family.name}:${variant}`));

/** Resolves `family:variant` (or a bare family name, meaning all its variants). */
export function resolveAttackKind(kind: string): { family: RedteamFamily; variants: string[] } {
  const [name = '', variant, ...rest] = kind.split(':');
  const family = FAMILIES.get(name);
  if (!family || rest.length > 0 || (variant !== undefined && !family.variants.includes(variant))) {
    throw new RedteamOptionError(`unknown attack '${kind}' (one of ${attackKinds().join(', ')})`);
  }
  return { family, variants: variant === undefined ? [...family.variants] : [variant] };
}
