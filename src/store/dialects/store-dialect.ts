import type { CreateTableBuilder, Dialect } from 'kysely';

/**
 * What differs between the database engines, in one place. Nothing outside `store/dialects/` asks
 * which engine it is talking to: it asks for a capability or calls an override.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Most bind parameters one statement may carry; bulk inserts are chunked below it. */
  readonly maxBindParameters: number;
  /** The Kysely dialect to open a connection pool with. */
  createKyselyDialect(): Dialect;
  /** Adds a 64-bit auto-incrementing primary key column. */
  addSequenceKey<T extends string>(
    table: CreateTableBuilder<T, never>,
    column: string,
  ): CreateTableBuilder<T, never>;
  /** A text label for logs and reports (never includes a password). */
  describe(): string;
}
