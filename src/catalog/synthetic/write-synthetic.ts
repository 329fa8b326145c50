import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordKind } from '../catalog-records.js';
import { type WrittenFile, writeJsonFile, writeJsonLines } from './jsonl-writer.js';
import type { SyntheticParamsInput } from './synthetic-params.js';
import { interactionRecords, relevanceRecords } from './synthetic-records.js';
import { buildSyntheticWorld, WORLD_STEPS } from './synthetic-world.js';

export const GROUND_TRUTH_FILE = 'ground-truth.json';
export const RELEVANCE_FILE = 'ground-truth-relevance.jsonl';

/** Progress: `generate` steps (file null), then each file's records as they are written. */
export interface SyntheticProgress {
  phase: 'generate' | 'write';
  file: string | null;
  done: number;
  total: number;
}

export interface SyntheticFile extends WrittenFile {
  /** File name inside the dataset folder. */
  name: string;
}

export interface SyntheticWriteResult {
  files: SyntheticFile[];
  counts: Record<RecordKind, number> & { relevance: number };
}

/**
 * Generates a synthetic dataset and writes it to `dir` (created if missing): `<kind>.jsonl` for each
 * native record kind (one JSON object per line, fields in the schema's order, none omitted), then
 * ground-truth.json and ground-truth-relevance.jsonl. The same params give byte-identical files.
 */
export async function writeSyntheticDataset(
  dir: string,
  params: SyntheticParamsInput = {},
  onProgress?: (progress: SyntheticProgress) => void,
): Promise<SyntheticWriteResult> {
  const world = buildSyntheticWorld(params, (_, index) =>
    onProgress?.({ phase: 'generate', file: null, done: index + 1, total: WORLD_STEPS.length }),
  );
  await mkdir(dir, { recursive: true });
  const counts = {
    genres: world.catalog.genres.length,
    creators: world.catalog.creators.records.length,
    items: world.catalog.items.length,
    viewers: world.viewers.records.length,
    interactions: world.log.count,
    relevance: world.viewers.records.length,
  };
  const outputs: { name: string; values: Iterable<unknown>; total: number }[] = [
    { name: 'genres.jsonl', values: world.catalog.genres, total: counts.genres },
    { name: 'creators.jsonl', values: world.catalog.creators.records, total: counts.creators },
    { name: 'items.jsonl', values: world.catalog.items, total: counts.items },
    { name: 'viewers.jsonl', values: world.viewers.records, total: counts.viewers },
    { name: 'interactions.jsonl', values: interactionRecords(world), total: counts.interactions },
    { name: RELEVANCE_FILE, values: relevanceRecords(world), total: counts.relevance },
  ];
  const files: SyntheticFile[] = [];
  for (const { name, values, total } of outputs) {
    const report = (done: number) => onProgress?.({ phase: 'write', file: name, done, total });
    const written = await writeJsonLines(join(dir, name), values, report);
    report(written.lines);
    files.push({ name, ...written });
  }
  files.push({
    name: GROUND_TRUTH_FILE,
    ...(await writeJsonFile(join(dir, GROUND_TRUTH_FILE), world.groundTruth)),
  });
  return { files, counts };
}
