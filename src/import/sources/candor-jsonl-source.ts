import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_KINDS, type RecordKind } from '../../catalog/catalog-records.js';
import { ImportRowError, type ImportSource, type Located } from '../import-source.js';
import { readLines } from '../read-lines.js';

/** The file name of each kind in a folder of native records. */
export const jsonlFileOf = (kind: RecordKind): string => `${kind}.jsonl`;

/**
 * A folder in Candor's native format (what the synthetic generator writes): genres.jsonl,
 * creators.jsonl, items.jsonl, viewers.jsonl and interactions.jsonl, each optional, one native record
 * per line as JSON. Records are passed on as they are; nothing is dropped.
 */
export class CandorJsonlSource implements ImportSource {
  readonly format = 'candor-jsonl';
  readonly kinds: readonly RecordKind[];
  readonly files: readonly string[];
  readonly dropped = new Map<string, number>();

  constructor(readonly dir: string) {
    this.kinds = RECORD_KINDS.filter((kind) => existsSync(join(dir, jsonlFileOf(kind))));
    this.files = this.kinds.map((kind) => join(dir, jsonlFileOf(kind)));
  }

  records(kind: RecordKind, progress?: (bytes: number) => void): AsyncGenerator<Located<unknown>> {
    if (!this.kinds.includes(kind)) {
      throw new Error(`${this.dir} has no ${jsonlFileOf(kind)} (found: ${this.files.join(', ') || 'none'})`);
    }
    return readJsonLines(join(this.dir, jsonlFileOf(kind)), progress);
  }
}

/** Parses each non-blank line of a JSON Lines file; bad JSON is an ImportRowError naming the line. */
export async function* readJsonLines(
  file: string,
  progress?: (bytes: number) => void,
): AsyncGenerator<Located<unknown>> {
  for await (const { number, text } of readLines(file, { progress })) {
    const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ImportRowError(file, number, undefined, `invalid JSON: ${(error as Error).message}`);
    }
    yield { file, line: number, value };
  }
}
