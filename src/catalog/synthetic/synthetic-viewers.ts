import type { ViewerRecord } from '../catalog-records.js';
import { DEFAULT_PROFILE_MAX_LEVEL, PROFILE_KINDS, type ProfileKind } from '../viewer-profile.js';
import { SeededRandom } from './seeded-random.js';
import type { SyntheticParams } from './synthetic-params.js';
import { ADULT_AGE_BANDS, ADULT_OCCUPATIONS, GENDERS, MINOR_OCCUPATION } from './synthetic-vocabulary.js';

/** Dirichlet concentration of a viewer's cluster weights: small, so one to three clusters dominate. */
const TASTE_CONCENTRATION = 0.15;
/** Cluster weights below this are set to zero (the rest renormalized): tastes are exactly sparse. */
const MIN_CLUSTER_WEIGHT = 0.03;
/** Spread (log scale) of viewer activity; with sigma 1 the busiest 1% log about six times the mean. */
const ACTIVITY_SIGMA = 1;
const MIN_EVENTS = 3;
const MAX_EVENTS = 2000;
const DEMOGRAPHICS_CONSENT_CHANCE = 0.7;
/**
 * How often a synthetic viewer answers yes to each purpose (demographics follow the draw above). Drawn
 * from a stream of their own, so adding them changed no other synthetic value.
 */
const CONSENT_CHANCE = { personalization: 0.95, model_training: 0.9, analytics: 0.8 } as const;

/**
 * Viewers as records plus the columns the sampler and the ground truth use. Cluster weights are
 * stored sparsely: viewer v's clusters are `cluster[offset[v] .. offset[v + 1])` with `weight[...]`.
 */
export interface ViewerTable {
  readonly records: ViewerRecord[];
  /** Index into PROFILE_KINDS. */
  readonly profile: Uint8Array;
  /** Highest audience level the viewer's profile may see (DEFAULT_PROFILE_MAX_LEVEL). */
  readonly maxLevel: Uint8Array;
  readonly offset: Int32Array;
  readonly cluster: Uint8Array;
  readonly weight: Float64Array;
  /** Planned number of logged events (heavy-tailed, lognormal around the mean). */
  readonly budget: Int32Array;
}

export function viewerExternalId(index: number, total: number): string {
  return `viewer-${String(index + 1).padStart(Math.max(6, String(total).length), '0')}`;
}

function profileRecord(externalId: string, profileKind: ProfileKind, rng: SeededRandom): ViewerRecord {
  const ageBand =
    profileKind === 'kids' ? 'under-13' : profileKind === 'teen' ? '13-17' : rng.weighted(ADULT_AGE_BANDS);
  const consent = rng.chance(DEMOGRAPHICS_CONSENT_CHANCE);
  return {
    externalId,
    profileKind,
    ageBand,
    demographicsConsent: consent,
    gender: consent ? rng.weighted(GENDERS) : null,
    occupation: consent ? (profileKind === 'adult' ? rng.pick(ADULT_OCCUPATIONS) : MINOR_OCCUPATION) : null,
    displayName: null,
    email: null,
  };
}

export function generateViewers(params: SyntheticParams): ViewerTable {
  const rng = new SeededRandom(params.seed, 'viewers');
  const n = params.viewers;
  const k = params.tasteClusters;
  const alphas = new Float64Array(k).fill(TASTE_CONCENTRATION);
  const mu = Math.log(params.meanInteractionsPerViewer) - (ACTIVITY_SIGMA * ACTIVITY_SIGMA) / 2;
  const records: ViewerRecord[] = [];
  const profile = new Uint8Array(n);
  const maxLevel = new Uint8Array(n);
  const offset = new Int32Array(n + 1);
  const clusters: number[] = [];
  const weights: number[] = [];
  const budget = new Int32Array(n);
  const consentRng = new SeededRandom(params.seed, 'consents');
  for (let v = 0; v < n; v++) {
    const u = rng.uniform();
    const kind: ProfileKind =
      u < params.kidsShare ? 'kids' : u < params.kidsShare + params.teenShare ? 'teen' : 'adult';
    const record = profileRecord(viewerExternalId(v, n), kind, rng);
    record.consents = {
      personalization: consentRng.chance(CONSENT_CHANCE.personalization),
      model_training: consentRng.chance(CONSENT_CHANCE.model_training),
      analytics: consentRng.chance(CONSENT_CHANCE.analytics),
      demographics_for_fairness_audit: record.demographicsConsent,
    };
    records.push(record);
    profile[v] = PROFILE_KINDS.indexOf(kind);
    maxLevel[v] = DEFAULT_PROFILE_MAX_LEVEL[kind];

    const w = rng.dirichlet(alphas);
    let top = 0;
    for (let c = 1; c < k; c++) if ((w[c] ?? 0) > (w[top] ?? 0)) top = c;
    let kept = 0;
    for (let c = 0; c < k; c++) if (c === top || (w[c] ?? 0) >= MIN_CLUSTER_WEIGHT) kept += w[c] ?? 0;
    for (let c = 0; c < k; c++) {
      if (c !== top && (w[c] ?? 0) < MIN_CLUSTER_WEIGHT) continue;
      clusters.push(c);
      weights.push((w[c] ?? 0) / kept);
    }
    offset[v + 1] = clusters.length;
    budget[v] = Math.min(MAX_EVENTS, Math.max(MIN_EVENTS, Math.round(rng.lognormal(mu, ACTIVITY_SIGMA))));
  }
  return {
    records,
    profile,
    maxLevel,
    offset,
    cluster: Uint8Array.from(clusters),
    weight: Float64Array.from(weights),
    budget,
  };
}

/** Index of the viewer's heaviest cluster. */
export function dominantCluster(viewers: ViewerTable, v: number): number {
  let best = -1;
  let bestWeight = -1;
  for (let j = viewers.offset[v] ?? 0; j < (viewers.offset[v + 1] ?? 0); j++) {
    if ((viewers.weight[j] ?? 0) > bestWeight) {
      bestWeight = viewers.weight[j] ?? 0;
      best = viewers.cluster[j] ?? 0;
    }
  }
  return best;
}
