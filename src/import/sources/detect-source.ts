import { readdir, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { z } from 'zod';
import { RECORD_KINDS } from '../../catalog/catalog-records.js';
import type { ImportSource } from '../import-source.js';
import { CandorJsonlSource, jsonlFileOf } from './candor-jsonl-source.js';
import { MappedFileSource } from './mapped-file-source.js';
import { loadMappingSpec } from './mapping-spec.js';
import { MovieLens1mSource } from './movielens-1m-source.js';
import { MovieLens100kSource } from './movielens-100k-source.js';
import { MovieLensLatestSource } from './movielens-latest-source.js';

export const detectSourceOptionsSchema = z.strictObject({
  demographicsConsent: z
    .boolean()
    .optional()
    .describe('the source collected consent to keep gender and occupation (dropped otherwise)'),
  format: z
    .enum(['csv', 'jsonl'])
    .optional()
    .describe('format of a single mapped file; default from its extension'),
  kind: z.enum(RECORD_KINDS).optional().describe('record kind of a single mapped file'),
  map: z.string().min(1).optional().describe('field mapping: field=column,... or a JSON mapping file'),
});
export type DetectSourceOptions = z.infer<typeof detectSourceOptionsSchema>;
/** What a caller may pass (e.g. raw CLI flags); checked against detectSourceOptionsSchema. */
export type DetectSourceInput = { [K in keyof DetectSourceOptions]?: unknown };

/** What each folder layout needs; the first whose `detect` files are all present wins. */
const LAYOUTS = [
  {
    name: 'MovieLens 100K',
    detect: ['u.data', 'u.item', 'u.user'],
    needs: ['u.genre'],
    open: (dir: string, o: DetectSourceOptions) => new MovieLens100kSource(dir, o),
  },
  {
    name: 'MovieLens 1M',
    detect: ['ratings.dat'],
    needs: ['movies.dat', 'users.dat'],
    open: (dir: string, o: DetectSourceOptions) => new MovieLens1mSource(dir, o),
  },
  {
    name: 'MovieLens latest',
    detect: ['ratings.csv', 'movies.csv'],
    needs: [],
    open: (dir: string, o: DetectSourceOptions) => new MovieLensLatestSource(dir, o),
  },
] as const;

const JSONL_FILES = RECORD_KINDS.map(jsonlFileOf);
const EXTENSIONS: Record<string, 'csv' | 'jsonl'> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/**
 * The source for a path: a folder is recognized by its files (MovieLens 100K, 1M, latest, or Candor's
 * native JSONL); a single CSV or JSONL file is read through a mapping (`format`, `kind`, `map`).
 * Throws an Error saying what was looked for when nothing fits.
 */
export async function detectSource(path: string, options: DetectSourceInput = {}): Promise<ImportSource> {
  const parsed = detectSourceOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid import options:\n${z.prettifyError(parsed.error)}`);
  const opts = parsed.data;
  const stats = await stat(path).catch(() => {
    throw new Error(`${path} does not exist`);
  });
  return stats.isDirectory() ? detectFolder(path, opts) : mappedFile(path, opts);
}

async function detectFolder(dir: string, options: DetectSourceOptions): Promise<ImportSource> {
  const given = (['format', 'kind', 'map'] as const).filter((key) => options[key] !== undefined);
  if (given.length > 0) {
    throw new Error(`${given.join(', ')} apply to a single file, but ${dir} is a folder`);
  }
  const names = new Set(await readdir(dir));
  for (const layout of LAYOUTS) {
    if (!layout.detect.every((name) => names.has(name))) continue;
    const missing = layout.needs.filter((name) => !names.has(name));
    if (missing.length > 0)
      throw new Error(`${dir} looks like ${layout.name} but has no ${missing.join(', ')}`);
    return layout.open(dir, options);
  }
  if (JSONL_FILES.some((name) => names.has(name))) return new CandorJsonlSource(dir);
  const lookedFor = [
    ...LAYOUTS.map((layout) => `${layout.name} (${[...layout.detect, ...layout.needs].join(', ')})`),
    `Candor JSONL (any of ${JSONL_FILES.join(', ')})`,
  ];
  throw new Error(
    `cannot tell what ${dir} holds; looked for ${lookedFor.join('; ')}. ` +
      'A single CSV or JSONL file is imported with format, kind and map.',
  );
}

function mappedFile(file: string, options: DetectSourceOptions): ImportSource {
  const format = options.format ?? EXTENSIONS[extname(file).toLowerCase()];
  const missing = [
    ...(format ? [] : ['format (csv or jsonl)']),
    ...(options.kind ? [] : [`kind (${RECORD_KINDS.join(', ')})`]),
    ...(options.map ? [] : ['map (field=column,... or a JSON mapping file)']),
  ];
  if (!format || !options.kind || !options.map) {
    throw new Error(`${file} is a single file; to import it give ${missing.join(', ')}`);
  }
  return new MappedFileSource(file, {
    format,
    kind: options.kind,
    mapping: loadMappingSpec(options.map),
    demographicsConsent: options.demographicsConsent,
  });
}
