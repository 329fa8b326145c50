import type { RecordKind } from '../catalog/catalog-records.js';

/** A value read from a file, with where it came from so errors can name the file and line. */
export interface Located<T> {
  file: string;
  line: number;
  value: T;
}

/**
 * A readable dataset. A source maps its own rows onto Candor's native record shapes (see
 * catalog/catalog-records.ts) without validating them: the import runner validates every record with
 * zod and reports the file, line and field of the first bad one.
 */
export interface ImportSource {
  /** Format name, also the namespace of derived idempotency keys (e.g. `movielens-100k`). */
  readonly format: string;
  /** The files this source reads, for the report and the lineage hash. */
  readonly files: readonly string[];
  /** The record kinds it provides; the runner asks for them in RECORD_KINDS order. */
  readonly kinds: readonly RecordKind[];
  /** Streams one kind's records. Throws ImportRowError for rows it cannot even map. */
  records(kind: RecordKind, progress?: (bytes: number) => void): AsyncIterable<Located<unknown>>;
  /**
   * Source fields Candor does not keep (data minimization), counted by `kind.field` as rows are read,
   * e.g. `viewers.zipCode`. Never stored.
   */
  readonly dropped: Map<string, number>;
  /** True when records arrive already validated against the native schemas. */
  readonly validated?: boolean;
  /** Releases what reading holds (a worker thread); the runner calls it however the import ends. */
  close?(): Promise<void>;
}

export class ImportRowError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(`${file}:${line}${field ? ` field '${field}'` : ''}: ${detail}`);
    this.name = 'ImportRowError';
  }
}

export function countDropped(dropped: Map<string, number>, key: string): void {
  dropped.set(key, (dropped.get(key) ?? 0) + 1);
}
