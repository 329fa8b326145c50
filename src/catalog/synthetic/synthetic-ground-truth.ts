import type { InteractionKind, ItemKind } from '../catalog-records.js';
import type { ProfileKind } from '../viewer-profile.js';
import type { SyntheticParams } from './synthetic-params.js';

export const GENERATOR_NAME = 'candor-synthetic';
/** Bumped whenever the same params would give different bytes. */
export const GENERATOR_VERSION = '1.0.0';

export interface PlantedBias {
  kind: 'exposure';
  group: 'underrepresented creators';
  exposureMultiplier: number;
  description: string;
}

/** What the generator knows and a model must discover: written to ground-truth.json. */
export interface SyntheticGroundTruth {
  generator: string;
  version: string;
  params: SyntheticParams;
  plantedBias: PlantedBias;
  relevanceModel: string;
  clusters: { id: string; viewerShare: number; genres: { genre: string; affinity: number }[] }[];
  counts: {
    genres: number;
    creators: number;
    items: Record<ItemKind, number> & { total: number };
    viewers: Record<ProfileKind, number> & { total: number };
    interactions: Record<InteractionKind, number> & { total: number };
  };
  /** Measured on the generated data (shares in [0, 1], rounded to 6 decimals). */
  measured: {
    /** Share of creators in the under-represented group. */
    underrepresentedCreatorShare: number;
    /** Share of titles (films, series, tracks) with at least one under-represented creator. */
    catalogShare: number;
    /** Their share of entries in all viewers' top-20 lists of truly relevant titles. */
    relevanceShare: number;
    /** Their share of distinct (viewer, title) choices in the log. */
    engagementShare: number;
    /** Their share of logged events (episodes count for their series). */
    interactionShare: number;
    /** interactionShare / relevanceShare: below 1 when the log under-serves the group. */
    interactionToRelevanceRatio: number;
    topK: number;
  };
}

export function plantedBias(exposureBias: number): PlantedBias {
  const same =
    'Titles with at least one under-represented creator are exactly as relevant as the others ' +
    '(same genre, affinity and quality distributions)';
  const description =
    exposureBias === 1
      ? `${same}, and they were shown, and so logged, as often as their popularity and each viewer's taste warrant: no bias is planted.`
      : `${same}, but they were shown, and so logged, ${exposureBias} times as often as their popularity and ` +
        `each viewer's taste warrant, so they are ${exposureBias < 1 ? 'under' : 'over'}-represented in the ` +
        'interactions relative to how relevant they truly are.';
  return {
    kind: 'exposure',
    group: 'underrepresented creators',
    exposureMultiplier: exposureBias,
    description,
  };
}

export const RELEVANCE_MODEL = [
  'relevance(viewer, title) = quality(title) + sum over clusters k of weight(viewer, k) * affinity(title, k).',
  'Weights are a sparse Dirichlet draw (weights under 0.03 zeroed, the rest renormalized);',
  "a title's affinity for a cluster blends the best and mean profile value of its genres plus noise;",
  "an episode has its series' relevance.",
  "ground-truth-relevance.jsonl lists each viewer's 20 most relevant titles (films, series, tracks)",
  'that the profile may see, best first, computed exactly, including titles the viewer interacted with.',
].join(' ');

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
