import type { InteractionRecord } from '../catalog-records.js';
import { TOP_K } from './relevance-truth.js';
import type { SyntheticWorld } from './synthetic-world.js';

/** One line of ground-truth-relevance.jsonl. */
export interface RelevanceRecord {
  viewer: string;
  /** External ids of the viewer's most relevant titles, best first. */
  topItems: string[];
}

/**
 * The i-th logged event as a native record, fields in the schema's order. Its idempotency key is
 * `synthetic:<seed>:<line number>`, unique within a dataset and the same on every run.
 */
export function interactionRecordAt(world: SyntheticWorld, i: number, startMs: number): InteractionRecord {
  const { log, viewers, catalog, params } = world;
  const value = log.value[i] ?? Number.NaN;
  return {
    subjectExternalId: viewers.records[log.viewer[i] ?? 0]?.externalId ?? '',
    itemExternalId: catalog.items[log.item[i] ?? 0]?.externalId ?? '',
    kind: log.kindName(i),
    value: Number.isNaN(value) ? null : value,
    occurredAt: new Date(startMs + (log.time[i] ?? 0) * 1000).toISOString(),
    idempotencyKey: `synthetic:${params.seed}:${i + 1}`,
  };
}

export function* interactionRecords(world: SyntheticWorld): Generator<InteractionRecord> {
  const startMs = Date.parse(world.params.startDate);
  for (let i = 0; i < world.log.count; i++) yield interactionRecordAt(world, i, startMs);
}

export function relevanceRecordAt(world: SyntheticWorld, v: number): RelevanceRecord {
  const { catalog, topTitles, viewers } = world;
  const topItems: string[] = [];
  for (let r = 0; r < TOP_K; r++) {
    const t = topTitles[v * TOP_K + r] ?? -1;
    if (t < 0) break;
    topItems.push(catalog.items[catalog.titles.item[t] ?? 0]?.externalId ?? '');
  }
  return { viewer: viewers.records[v]?.externalId ?? '', topItems };
}

export function* relevanceRecords(world: SyntheticWorld): Generator<RelevanceRecord> {
  for (let v = 0; v < world.viewers.records.length; v++) yield relevanceRecordAt(world, v);
}
