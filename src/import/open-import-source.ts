import { stat } from 'node:fs/promises';
import type { ImportSource } from './import-source.js';
import { ParallelSource } from './parallel/parallel-source.js';
import { type DetectSourceInput, detectSource } from './sources/detect-source.js';

/** Below this many bytes a worker thread costs more to start than it saves. */
export const PARALLEL_READ_THRESHOLD_BYTES = 1 << 20;

/**
 * The source for a path, read in a worker thread when it is large enough for that to pay: the worker
 * maps and validates while the main thread writes.
 */
export async function openImportSource(path: string, options: DetectSourceInput = {}): Promise<ImportSource> {
  const source = await detectSource(path, options);
  return (await totalBytes(source)) >= PARALLEL_READ_THRESHOLD_BYTES
    ? ParallelSource.open(path, options)
    : source;
}

export async function totalBytes(source: ImportSource): Promise<number> {
  let total = 0;
  for (const file of new Set(source.files)) total += (await stat(file)).size;
  return total;
}
