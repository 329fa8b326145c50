import { seededRandom } from '../../random/seeded-random.js';
import type { SafetySurface } from '../../safety/safety-policy.js';
import type { Mutation } from './mutation.js';
import type { SeedKind, SuiteSeed } from './seeds/suite-seed.js';

/** Where each kind of seed is typed when no mutation says otherwise. */
export const SURFACE_OF: Readonly<Record<SeedKind, SafetySurface>> = { attack: 'ask', harm: 'review' };

/** One mutated seed, ready for the gateway. Its id names it in reports, so its text never has to be. */
export interface GatewayProbe {
  /** `<seed id>/<mutation>`, e.g. `attack-03/zero-width`. */
  readonly id: string;
  readonly seed: string;
  readonly kind: SeedKind;
  readonly category: string;
  readonly mutation: string;
  readonly carrier: Mutation['carrier'];
  readonly surface: SafetySurface;
  readonly text: string;
  readonly documents?: readonly string[];
}

/** FNV-1a of a string: a stable stream number per probe. */
function streamOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < name.length; at += 1) {
    hash ^= name.charCodeAt(at);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Every mutation applied to every seed it applies to, in mutation-then-seed order; deterministic by `seed`. */
export function buildProbes(
  seeds: readonly SuiteSeed[],
  mutations: readonly Mutation[],
  seed: number,
): GatewayProbe[] {
  const probes: GatewayProbe[] = [];
  for (const mutation of mutations) {
    for (const suiteSeed of seeds) {
      if (!mutation.appliesTo.includes(suiteSeed.kind)) continue;
      const id = `${suiteSeed.id}/${mutation.name}`;
      const mutated = mutation.mutate(suiteSeed, seededRandom(seed, streamOf(id)));
      probes.push({
        id,
        seed: suiteSeed.id,
        kind: suiteSeed.kind,
        category: suiteSeed.category,
        mutation: mutation.name,
        carrier: mutation.carrier,
        surface: mutated.surface ?? SURFACE_OF[suiteSeed.kind],
        text: mutated.text,
        ...(mutated.documents ? { documents: mutated.documents } : {}),
      });
    }
  }
  return probes;
}
