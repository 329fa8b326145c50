import type { StoreDialect } from '../dialects/store-dialect.js';

/** Rows per multi-row INSERT: under the engine's parameter limit, and small enough to compile fast. */
export function rowsPerStatement(dialect: StoreDialect, columns: number, cap = 500): number {
  return Math.max(1, Math.min(cap, Math.floor(dialect.maxBindParameters / columns)));
}

export function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
