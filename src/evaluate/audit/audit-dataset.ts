import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  CreatorRecord,
  ItemRecord,
  RecordKind,
  RecordOf,
  ViewerRecord,
} from '../../catalog/catalog-records.js';
import { GROUND_TRUTH_FILE } from '../../catalog/synthetic/write-synthetic.js';
import type { ImportSource } from '../../import/import-source.js';
import { openImportSource } from '../../import/open-import-source.js';
import { validated } from '../../import/record-validation.js';
import { type DatasetEvents, readDatasetEvents } from '../../models/dataset-events.js';

/**
 * What an audit reads from a dataset folder besides the interactions (read by readDatasetEvents):
 * - viewer attributes, one label per viewer: profile kind, age band, and gender and occupation only
 *   for viewers who consented to demographics being kept (`not consented` otherwise, `unknown` when
 *   consented but not given, or when the viewer has no record);
 * - each item's creator group: `underrepresented` when any of its creators declared so, `other` when it
 *   has creators and all declared they are not, `unknown` otherwise (no creators, or undeclared);
 * - the synthetic generator's ground truth (ground-truth.json), when the folder has one, so the audit
 *   can be checked against the bias that was planted.
 */

export type CreatorGroup = 'underrepresented' | 'other' | 'unknown';
export const NOT_CONSENTED = 'not consented';
export const UNKNOWN = 'unknown';

/** Viewer label columns: row u < events.userIds.length is user index u; later rows never interacted. */
export interface ViewerAttributes {
  ids: string[];
  profileKind: string[];
  ageBand: string[];
  gender: string[];
  occupation: string[];
}
export type ViewerAttribute = Exclude<keyof ViewerAttributes, 'ids'>;
export const VIEWER_ATTRIBUTES = [
  'gender',
  'ageBand',
  'occupation',
  'profileKind',
] as const satisfies readonly ViewerAttribute[];

/** The planted bias and what the generator measured on its own data. */
export interface PlantedBiasTruth {
  exposureMultiplier: number;
  catalogShare: number;
  relevanceShare: number;
  interactionShare: number;
}

export interface AuditDataset {
  source: { path: string; format: string };
  events: DatasetEvents;
  viewers: ViewerAttributes;
  /** One per item index of `events`. */
  itemCreatorGroups: CreatorGroup[];
  groundTruth: PlantedBiasTruth | null;
}

/** The records an audit needs besides the interactions. */
export interface AuditRecords {
  creators: readonly Pick<CreatorRecord, 'externalId' | 'underrepresented'>[];
  items: readonly Pick<ItemRecord, 'externalId' | 'creators'>[];
  viewers: readonly ViewerRecord[];
}

export interface ReadAuditDatasetOptions {
  /** The source collected consent to keep gender and occupation (as `candor import --demographics-consent`). */
  demographicsConsent?: boolean;
}

/**
 * An item's creator group from what its creators declared (null: undeclared): any underrepresented
 * creator makes it `underrepresented`; all declaring otherwise, `other`; else `unknown`.
 */
export function creatorGroupOfFlags(flags: readonly (boolean | null)[]): CreatorGroup {
  if (flags.includes(true)) return 'underrepresented';
  return flags.length > 0 && flags.every((flag) => flag === false) ? 'other' : 'unknown';
}

function creatorGroupOf(
  item: AuditRecords['items'][number] | undefined,
  declared: ReadonlyMap<string, boolean | null>,
): CreatorGroup {
  return creatorGroupOfFlags(
    (item?.creators ?? []).map((creator) => declared.get(creator.externalId) ?? null),
  );
}

/** Joins records to the dense indices of `events`. */
export function auditDatasetOf(
  events: DatasetEvents,
  records: AuditRecords,
  extra: { source?: AuditDataset['source']; groundTruth?: PlantedBiasTruth | null } = {},
): AuditDataset {
  const declared = new Map(records.creators.map((c) => [c.externalId, c.underrepresented]));
  const itemById = new Map(records.items.map((item) => [item.externalId, item]));
  const recordById = new Map(records.viewers.map((viewer) => [viewer.externalId, viewer]));
  const known = new Set(events.userIds);
  const ids = [...events.userIds, ...records.viewers.map((v) => v.externalId).filter((id) => !known.has(id))];
  const rows = ids.map((id) => recordById.get(id));
  const demographic = (viewer: ViewerRecord | undefined, field: 'gender' | 'occupation') => {
    if (!viewer) return UNKNOWN;
    return viewer.demographicsConsent ? (viewer[field] ?? UNKNOWN) : NOT_CONSENTED;
  };
  return {
    source: extra.source ?? { path: '', format: 'memory' },
    events,
    viewers: {
      ids,
      profileKind: rows.map((viewer) => viewer?.profileKind ?? UNKNOWN),
      ageBand: rows.map((viewer) => viewer?.ageBand ?? UNKNOWN),
      gender: rows.map((viewer) => demographic(viewer, 'gender')),
      occupation: rows.map((viewer) => demographic(viewer, 'occupation')),
    },
    itemCreatorGroups: events.itemIds.map((id) => creatorGroupOf(itemById.get(id), declared)),
    groundTruth: extra.groundTruth ?? null,
  };
}

/** Reads the creators, items and viewers of a source in RECORD_KINDS order (a worker source needs it). */
async function readRecords(source: ImportSource): Promise<AuditRecords> {
  const read = async <K extends RecordKind>(kind: K): Promise<RecordOf[K][]> => {
    const out: RecordOf[K][] = [];
    if (!source.kinds.includes(kind)) return out;
    for await (const located of source.records(kind)) {
      out.push(source.validated ? (located.value as RecordOf[K]) : validated(kind, located).value);
    }
    return out;
  };
  try {
    const creators = await read('creators');
    const items = await read('items');
    const viewers = await read('viewers');
    return { creators, items, viewers };
  } finally {
    await source.close?.();
  }
}

const groundTruthSchema = z.object({
  plantedBias: z.object({ exposureMultiplier: z.number() }),
  measured: z.object({
    catalogShare: z.number(),
    relevanceShare: z.number(),
    interactionShare: z.number(),
  }),
});

/** The ground truth of a synthetic dataset folder, or null when the folder has none. */
export function readGroundTruth(path: string): PlantedBiasTruth | null {
  if (!statSync(path).isDirectory()) return null;
  const file = join(path, GROUND_TRUTH_FILE);
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = groundTruthSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${file} is not a synthetic ground truth: ${z.prettifyError(parsed.error)}`);
  return { exposureMultiplier: parsed.data.plantedBias.exposureMultiplier, ...parsed.data.measured };
}

/**
 * Reads a dataset folder (any layout `candor import` detects) for an audit. The source is opened twice,
 * once for the attributes and once for the interactions, because a worker-read source streams its
 * kinds once, in order, and readDatasetEvents reads items and interactions only.
 */
export async function readAuditDataset(
  path: string,
  options: ReadAuditDatasetOptions = {},
): Promise<AuditDataset> {
  const sourceOptions = { demographicsConsent: options.demographicsConsent === true };
  const attributes = await openImportSource(path, sourceOptions);
  const format = attributes.format;
  const records = await readRecords(attributes);
  const events = await readDatasetEvents(await openImportSource(path, sourceOptions));
  return auditDatasetOf(events, records, { source: { path, format }, groundTruth: readGroundTruth(path) });
}
