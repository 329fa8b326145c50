import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordKind, recordSchemas } from '../../catalog/catalog-records.js';
import { ImportRowError, type ImportSource, type Located } from '../import-source.js';

/** Test support (not a test): small fixture folders in the temp dir, and helpers to read sources. */
const created: string[] = [];

/** Writes the files (text as UTF-8, or exact bytes) into a new temporary folder and returns its path. */
export async function fixtureDir(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'candor-sources-'));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

export async function removeFixtures(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Lines joined with a line ending, ending with one. */
export const lines = (rows: string[], eol = '\n'): string => rows.map((row) => `${row}${eol}`).join('');

export async function readKind(
  source: ImportSource,
  kind: RecordKind,
): Promise<{ records: Located<unknown>[]; bytes: number }> {
  const records: Located<unknown>[] = [];
  let bytes = 0;
  for await (const record of source.records(kind, (delta) => (bytes += delta))) records.push(record);
  return { records, bytes };
}

/** The values of one kind. */
export async function valuesOf(source: ImportSource, kind: RecordKind): Promise<unknown[]> {
  return (await readKind(source, kind)).records.map((record) => record.value);
}

/** Every record of every kind the source provides, and the schema issues of those that do not validate. */
export async function readAll(
  source: ImportSource,
): Promise<{ values: Partial<Record<RecordKind, unknown[]>>; invalid: string[] }> {
  const values: Partial<Record<RecordKind, unknown[]>> = {};
  const invalid: string[] = [];
  for (const kind of source.kinds) {
    const { records } = await readKind(source, kind);
    values[kind] = records.map((record) => record.value);
    for (const { file, line, value } of records) {
      const result = recordSchemas[kind].safeParse(value);
      if (!result.success) invalid.push(`${file}:${line}: ${result.error.message}`);
    }
  }
  return { values, invalid };
}

/** The ImportRowError reading a kind throws (fails if it throws something else or nothing). */
export async function rowErrorOf(source: ImportSource, kind: RecordKind): Promise<ImportRowError> {
  try {
    await readKind(source, kind);
  } catch (error) {
    if (error instanceof ImportRowError) return error;
    throw error;
  }
  throw new Error(`reading ${kind} did not throw`);
}
