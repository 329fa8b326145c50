import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { newId } from '../store/ids.js';

export const manifestSchema = z.strictObject({
  id: z.string(),
  algorithm: z.string(),
  params: z.record(z.string(), z.unknown()),
  data: z.strictObject({
    snapshotHash: z.string(),
    events: z.number().int().nonnegative(),
    viewers: z.number().int().nonnegative(),
    items: z.number().int().nonnegative(),
    lastEventAt: z.string().nullable(),
    /** Where the events came from: the store, or a dataset path read directly. */
    source: z.string().default('store'),
    /** Whether items.json holds Candor item ids (from the store) or the dataset's external ids. */
    itemIdSpace: z.enum(['candor', 'external']).default('candor'),
    /** Highest interaction sequence number in the snapshot (store snapshots): what it can be re-taken at. */
    maxSeq: z.number().int().nonnegative().optional(),
    /** The consent the snapshot was taken under (store snapshots). */
    consent: z
      .strictObject({
        purpose: z.string(),
        ledgerSeq: z.number().int().nonnegative(),
        includedViewers: z.number().int().nonnegative(),
        excludedViewers: z.number().int().nonnegative(),
        excludedEvents: z.number().int().nonnegative(),
      })
      .nullable()
      .default(null),
    /** Viewers with events left out as suspected fake profiles (store snapshots since the red team). */
    quarantinedViewers: z.number().int().nonnegative().optional(),
    /** When the quarantine was read: a re-taken snapshot leaves out who was quarantined at that time. */
    quarantineAsOf: z.string().optional(),
  }),
  /**
   * Viewers whose influence was removed from this version after training (right to be forgotten), and
   * how: counts and methods only, never who.
   */
  unlearning: z
    .array(
      z.strictObject({
        at: z.string(),
        viewers: z.number().int().nonnegative(),
        method: z.string(),
        exact: z.boolean(),
        certificate: z.string().nullable(),
      }),
    )
    .default([]),
  metrics: z.record(z.string(), z.number()).default({}),
  codeVersion: z.string(),
  parent: z.string().nullable().default(null),
  createdAt: z.string(),
  /** Named arrays in weights.bin: Float32 unless said otherwise, at byte offsets. */
  weights: z.array(
    z.strictObject({
      name: z.string(),
      type: z.enum(['float32', 'float64', 'int32']),
      offset: z.number(),
      length: z.number(),
    }),
  ),
});
export type ModelManifest = z.infer<typeof manifestSchema>;

export type WeightArray = Float32Array | Float64Array | Int32Array;

export interface ModelArtifact {
  manifest: ModelManifest;
  itemIds: string[];
  arrays: Map<string, WeightArray>;
}

const TYPE_OF = (array: WeightArray): 'float32' | 'float64' | 'int32' =>
  array instanceof Int32Array ? 'int32' : array instanceof Float64Array ? 'float64' : 'float32';

export const MODELS_DIR_NAME = 'models';

export function modelsDir(dataDir: string): string {
  return join(dataDir, MODELS_DIR_NAME);
}

/** Writes an artifact folder (manifest.json, items.json, weights.bin) and returns its id. */
export function writeArtifact(
  dataDir: string,
  manifest: Omit<z.input<typeof manifestSchema>, 'id' | 'weights' | 'createdAt'>,
  itemIds: string[],
  arrays: Record<string, WeightArray>,
  now: Date = new Date(),
): ModelManifest {
  const id = newId();
  const dir = join(modelsDir(dataDir), id);
  const staging = `${dir}.partial`;
  mkdirSync(staging, { recursive: true });
  const weights: ModelManifest['weights'] = [];
  const buffers: Buffer[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays)) {
    // Every array starts at a multiple of 8 bytes, so any element type can be viewed in place.
    const padding = (8 - (offset % 8)) % 8;
    if (padding > 0) buffers.push(Buffer.alloc(padding));
    offset += padding;
    weights.push({ name, type: TYPE_OF(array), offset, length: array.length });
    const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
    buffers.push(bytes);
    offset += bytes.length;
  }
  const full: ModelManifest = manifestSchema.parse({
    ...manifest,
    id,
    weights,
    createdAt: now.toISOString(),
  });
  writeFileSync(join(staging, 'weights.bin'), Buffer.concat(buffers));
  writeFileSync(join(staging, 'items.json'), JSON.stringify(itemIds));
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(full, null, 2)}\n`);
  // A half-written artifact never looks complete: the folder appears whole or not at all.
  renameSync(staging, dir);
  return full;
}

export function readArtifact(dataDir: string, id: string): ModelArtifact {
  const dir = join(modelsDir(dataDir), id);
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  const itemIds = z.array(z.string()).parse(JSON.parse(readFileSync(join(dir, 'items.json'), 'utf8')));
  const bin = readFileSync(join(dir, 'weights.bin'));
  const arrays = new Map<string, WeightArray>();
  for (const w of manifest.weights) {
    const width = w.type === 'float64' ? 8 : 4;
    const end = w.offset + w.length * width;
    if (end > bin.length)
      throw new Error(`model ${id}: weights.bin is shorter than its manifest says (${w.name})`);
    const copy = bin.buffer.slice(bin.byteOffset + w.offset, bin.byteOffset + end);
    arrays.set(
      w.name,
      w.type === 'int32'
        ? new Int32Array(copy)
        : w.type === 'float64'
          ? new Float64Array(copy)
          : new Float32Array(copy),
    );
  }
  return { manifest, itemIds, arrays };
}

/** A version's item list alone (items.json), without reading its weights. */
export function readArtifactItemIds(dataDir: string, id: string): string[] {
  return z
    .array(z.string())
    .parse(JSON.parse(readFileSync(join(modelsDir(dataDir), id, 'items.json'), 'utf8')));
}

/** Whether a version's weights were deleted (it held an erased viewer's influence): it cannot serve. */
export function isRetired(dataDir: string, id: string): boolean {
  return !existsSync(join(modelsDir(dataDir), id, 'weights.bin'));
}

const aliasesSchema = z.record(z.string(), z.string());

export function readAliases(dataDir: string): Record<string, string> {
  try {
    return aliasesSchema.parse(JSON.parse(readFileSync(join(modelsDir(dataDir), 'aliases.json'), 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** Points an alias (e.g. `production`) at a model version; replaced atomically. */
export function setAlias(dataDir: string, alias: string, id: string): void {
  const aliases = { ...readAliases(dataDir), [alias]: id };
  const file = join(modelsDir(dataDir), 'aliases.json');
  mkdirSync(modelsDir(dataDir), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(aliases, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Model ids are UUIDv7; anything else never reaches the file system (no path traversal). */
export const modelIdSchema = z.uuid();

/** The manifest of one artifact, or undefined when there is no such model. */
export function readManifest(dataDir: string, id: string): ModelManifest | undefined {
  if (!modelIdSchema.safeParse(id).success) return undefined;
  try {
    return manifestSchema.parse(
      JSON.parse(readFileSync(join(modelsDir(dataDir), id, 'manifest.json'), 'utf8')),
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every complete artifact's manifest, newest first (staging folders are not models yet). */
export function listManifests(dataDir: string): ModelManifest[] {
  let names: string[];
  try {
    names = readdirSync(modelsDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .flatMap((name) => {
      const manifest = readManifest(dataDir, name);
      return manifest ? [manifest] : [];
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}
