import { ITEM_KINDS } from '../catalog-records.js';
import { PROFILE_KINDS } from '../viewer-profile.js';
import { exposurePropensity } from './exposure-model.js';
import type { InteractionLog } from './interaction-log.js';
import { type SimulationResult, simulateInteractions } from './interaction-simulator.js';
import { TOP_K, topRelevantTitles, underrepresentedShareOfLists } from './relevance-truth.js';
import { generateCatalog, type SyntheticCatalog } from './synthetic-catalog.js';
import {
  GENERATOR_NAME,
  GENERATOR_VERSION,
  plantedBias,
  RELEVANCE_MODEL,
  round6,
  type SyntheticGroundTruth,
} from './synthetic-ground-truth.js';
import { parseSyntheticParams, type SyntheticParams, type SyntheticParamsInput } from './synthetic-params.js';
import { dominantCluster, generateViewers, type ViewerTable } from './synthetic-viewers.js';
import { buildTasteModel, describeClusters, type TasteModel } from './taste-model.js';

/** Everything generated, in compact form: records are made from it when written or materialized. */
export interface SyntheticWorld {
  readonly params: SyntheticParams;
  readonly catalog: SyntheticCatalog;
  readonly taste: TasteModel;
  readonly exposure: Float64Array;
  readonly viewers: ViewerTable;
  readonly log: InteractionLog;
  /** Title indices of each viewer's TOP_K most relevant titles (see relevance-truth.ts). */
  readonly topTitles: Int32Array;
  readonly groundTruth: SyntheticGroundTruth;
}

export const WORLD_STEPS = ['catalog', 'taste', 'viewers', 'interactions', 'ground truth'] as const;
export type WorldStep = (typeof WORLD_STEPS)[number];

/** Builds the synthetic world for params (defaults filled in); `onStep` hears each finished step. */
export function buildSyntheticWorld(
  input: SyntheticParamsInput = {},
  onStep?: (step: WorldStep, index: number) => void,
): SyntheticWorld {
  const params = parseSyntheticParams(input);
  const catalog = generateCatalog(params.items, params.underrepresentedShare, params.seed);
  onStep?.('catalog', 0);
  const taste = buildTasteModel(catalog.titles, params.tasteClusters, params.seed);
  const exposure = exposurePropensity(catalog.titles, params.popularityExponent, params.seed);
  onStep?.('taste', 1);
  const viewers = generateViewers(params);
  onStep?.('viewers', 2);
  const simulation = simulateInteractions({ params, catalog, taste, exposure, viewers });
  onStep?.('interactions', 3);
  const topTitles = topRelevantTitles(catalog.titles, taste, viewers);
  const world = { params, catalog, taste, exposure, viewers, log: simulation.log, topTitles };
  const groundTruth = measureGroundTruth(world, simulation);
  onStep?.('ground truth', 4);
  return { ...world, groundTruth };
}

function measureGroundTruth(
  world: Omit<SyntheticWorld, 'groundTruth'>,
  { picks, underrepresentedPicks }: SimulationResult,
): SyntheticGroundTruth {
  const { params, catalog, viewers, log, taste } = world;
  const { titles } = catalog;
  let minorityEvents = 0;
  for (let i = 0; i < log.count; i++) {
    minorityEvents += titles.underrepresented[catalog.itemTitle[log.item[i] ?? 0] ?? 0] ?? 0;
  }
  const interactionShare = log.count === 0 ? 0 : minorityEvents / log.count;
  const relevanceShare = underrepresentedShareOfLists(world.topTitles, titles);
  const creators = catalog.creators.underrepresented;
  const dominant = new Float64Array(taste.clusters);
  for (let v = 0; v < viewers.records.length; v++) {
    const k = dominantCluster(viewers, v);
    dominant[k] = (dominant[k] ?? 0) + 1;
  }

  const countBy = <K extends string>(keys: readonly K[], values: readonly string[]) => {
    const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
    for (const value of values) counts[value as K] += 1;
    return { ...counts, total: values.length };
  };
  return {
    generator: GENERATOR_NAME,
    version: GENERATOR_VERSION,
    params,
    plantedBias: plantedBias(params.exposureBias),
    relevanceModel: RELEVANCE_MODEL,
    clusters: describeClusters(taste).map((cluster, k) => ({
      id: cluster.id,
      viewerShare: round6((dominant[k] ?? 0) / Math.max(1, viewers.records.length)),
      genres: cluster.genres,
    })),
    counts: {
      genres: catalog.genres.length,
      creators: catalog.creators.records.length,
      items: countBy(
        ITEM_KINDS,
        catalog.items.map((item) => item.kind),
      ),
      viewers: countBy(
        PROFILE_KINDS,
        viewers.records.map((viewer) => viewer.profileKind),
      ),
      interactions: { ...log.countByKind(), total: log.count },
    },
    measured: {
      underrepresentedCreatorShare: round6(mean(creators)),
      catalogShare: round6(mean(titles.underrepresented)),
      relevanceShare: round6(relevanceShare),
      engagementShare: round6(picks === 0 ? 0 : underrepresentedPicks / picks),
      interactionShare: round6(interactionShare),
      interactionToRelevanceRatio: round6(relevanceShare === 0 ? 0 : interactionShare / relevanceShare),
      topK: TOP_K,
    },
  };
}

function mean(flags: Uint8Array): number {
  let sum = 0;
  for (const flag of flags) sum += flag;
  return flags.length === 0 ? 0 : sum / flags.length;
}
