import type BetterSqlite3 from 'better-sqlite3';
import type { CreateTableBuilder, Dialect, Kysely } from 'kysely';

export interface IndexDefinition {
  name: string;
  /** The CREATE INDEX statement that recreates it. */
  definition: string;
}

export interface ChangeCounterSpec {
  /** The table whose writes change the target's marker. */
  table: string;
  /** Its column naming the target row. */
  column: string;
  target: { table: string; key: string; counter: string };
}

/**
 * What differs between the database engines, in one place. Nothing outside `store/dialects/` asks
 * which engine it is talking to: it asks for a capability or calls an override.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Most bind parameters one statement may carry; bulk inserts are chunked below it. */
  readonly maxBindParameters: number;
  /**
   * Rows per INSERT on the event ingestion path, where the engine is fastest: when conflicting keys
   * must be skipped (ON CONFLICT DO NOTHING) and when they need not be (bulk load).
   */
  readonly appendRowsPerStatement: { skippingKnownKeys: number; plain: number };
  /** The Kysely dialect to open a connection pool with. */
  createKyselyDialect(): Dialect;
  /** The bind placeholder for the parameter at a 0-based position (`?` or `$1`). */
  placeholder(index: number): string;
  /** Adds a 64-bit auto-incrementing primary key column. */
  addSequenceKey<T extends string>(
    table: CreateTableBuilder<T, never>,
    column: string,
  ): CreateTableBuilder<T, never>;
  /** Secondary indexes of a table (not its primary key), as statements that recreate them. */
  listIndexes<DB>(db: Kysely<DB>, table: string): Promise<IndexDefinition[]>;
  /** Keeps other writers out of a table until the transaction ends (a bulk load needs it alone). */
  lockForBulkLoad<DB>(db: Kysely<DB>, table: string): Promise<void>;
  /**
   * Takes the write lock on a table for the rest of the transaction if no other connection holds it, so
   * that reading the table's last row and appending after it cannot interleave with another connection
   * doing the same (the audit hash chain). Must be the transaction's first statement: it holds no lock
   * before. Never waits: true when the lock is now held, false when another connection holds it, and the
   * caller must then roll back and try again later (waiting in SQLite is a synchronous sleep that would
   * stall every request of the process).
   */
  tryLockForAppend<DB>(db: Kysely<DB>, table: string): Promise<boolean>;
  /**
   * The same lock, waited for up to `timeoutMs`; rejects when that passes. PostgreSQL queues for it in
   * the server, which costs this process nothing while it waits; SQLite would sleep synchronously (its
   * busy timeout), so serving code on SQLite uses `tryLockForAppend` or `tryCommitOnSqlite` instead.
   */
  lockForAppend<DB>(db: Kysely<DB>, table: string, timeoutMs: number): Promise<void>;
  /**
   * Called first in a transaction that reads before it writes, so that it cannot fail when another
   * process writes meanwhile: SQLite takes the database write lock now (waiting up to busy_timeout) as
   * BEGIN IMMEDIATE would; PostgreSQL's row locks need nothing.
   */
  lockForWrite<DB>(db: Kysely<DB>): Promise<void>;
  /**
   * After rows were erased: makes sure no copy of them lingers in the database's own files. SQLite
   * checkpoints and truncates its write-ahead log (secure_delete already zeroed the freed pages);
   * PostgreSQL vacuums the tables named, so dead row versions are reclaimed.
   */
  scrubAfterErasure<DB>(db: Kysely<DB>, tables: readonly string[]): Promise<void>;
  /**
   * Triggers that change `target.counter` with every committed insert, update or delete of a `table` row
   * that refers to a target row through `column` (which holds the target's `target.key`), in the writing
   * transaction: a value a cache compares for equality with the one it read, in every process. It never
   * returns to an earlier value (SQLite counts; PostgreSQL stamps the writing transaction's id).
   */
  addChangeCounter<DB>(db: Kysely<DB>, spec: ChangeCounterSpec): Promise<void>;
  /** Removes what addChangeCounter created for `table`. */
  dropChangeCounter<DB>(db: Kysely<DB>, table: string): Promise<void>;
  /** A text label for logs and reports (never includes a password). */
  describe(): string;
  /**
   * The database file another connection (a thread's) can open: SQLite on a file; undefined for
   * PostgreSQL and for SQLite in memory.
   */
  databaseFile(): string | undefined;
  /**
   * SQLite's own connection (better-sqlite3, synchronous), once Kysely's dialect is created; undefined
   * for PostgreSQL. For the one write on the serving path where building and compiling queries cost more
   * than SQLite's work (`tryCommitOnSqlite`); everything else goes through Kysely.
   */
  sqliteConnection(): BetterSqlite3.Database | undefined;
}
