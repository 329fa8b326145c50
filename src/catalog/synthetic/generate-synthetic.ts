import type {
  CreatorRecord,
  GenreRecord,
  InteractionRecord,
  ItemRecord,
  ViewerRecord,
} from '../catalog-records.js';
import type { SyntheticGroundTruth } from './synthetic-ground-truth.js';
import type { SyntheticParams, SyntheticParamsInput } from './synthetic-params.js';
import { interactionRecords, type RelevanceRecord, relevanceRecords } from './synthetic-records.js';
import { buildSyntheticWorld } from './synthetic-world.js';

/** A synthetic dataset in memory: native records plus the truth behind them. */
export interface SyntheticDataset {
  params: SyntheticParams;
  genres: GenreRecord[];
  creators: CreatorRecord[];
  items: ItemRecord[];
  viewers: ViewerRecord[];
  interactions: InteractionRecord[];
  groundTruth: SyntheticGroundTruth;
  /** Each viewer's 20 most truly relevant titles (the lines of ground-truth-relevance.jsonl). */
  relevance: RelevanceRecord[];
}

/**
 * A deterministic synthetic catalog with a planted exposure bias, in memory. Pure: the same params
 * give the same dataset. For large datasets prefer writeSyntheticDataset, which streams the
 * interactions instead of holding them all as objects.
 */
export function generateSynthetic(params: SyntheticParamsInput = {}): SyntheticDataset {
  const world = buildSyntheticWorld(params);
  return {
    params: world.params,
    genres: world.catalog.genres,
    creators: world.catalog.creators.records,
    items: world.catalog.items,
    viewers: world.viewers.records,
    interactions: [...interactionRecords(world)],
    groundTruth: world.groundTruth,
    relevance: [...relevanceRecords(world)],
  };
}
