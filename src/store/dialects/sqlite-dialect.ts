import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement, sql } from 'kysely';
import { changeCounterNames, changeCounterObject } from './change-counter-names.js';
import type { StoreDialect } from './store-dialect.js';

const CHANGES = ['insert', 'update', 'delete'] as const;

const STATEMENT_CACHE_SIZE = 256;
/** How long a statement waits for another connection's write lock (better-sqlite3 waits synchronously). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a one-row insert.
 * This keeps the most recently used prepared statements (Kysely runs one query at a time per
 * connection, so a cached statement is never used twice at once).
 */
function withStatementCache(database: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * The database write lock for the rest of the transaction, through a write to `table` that changes
 * nothing, waiting for it up to `timeoutMs` (synchronously: better-sqlite3 sleeps in the busy handler).
 */
async function lockWaiting<DB>(db: Kysely<DB>, table: string, timeoutMs: number): Promise<void> {
  await sql.raw(`pragma busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`).execute(db);
  try {
    await sql`update ${sql.table(table)} set rowid = rowid where 0`.execute(db);
  } finally {
    await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(db);
  }
}

export function sqliteDialect(file: string): StoreDialect {
  let connection: Database.Database | undefined;
  return {
    name: 'sqlite',
    // SQLite >= 3.32 allows 32,766 host parameters.
    maxBindParameters: 32_000,
    // Measured: with ON CONFLICT a cached one-row statement beats multi-row VALUES; without it, 500 rows win.
    appendRowsPerStatement: { skippingKnownKeys: 1, plain: 500 },
    createKyselyDialect() {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      const database = new Database(file);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      // Deleted rows are overwritten with zeros, not left in free pages: erasure must really erase.
      database.pragma('secure_delete = ON');
      // 64 MiB of page cache rather than 2: the serving path's reads (subjects, a viewer's history) stay
      // cached while decision records stream through.
      database.pragma('cache_size = -65536');
      database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      connection = database;
      return new SqliteDialect({ database: withStatementCache(database) });
    },
    placeholder: () => '?',
    async scrubAfterErasure(db) {
      await sql.raw('pragma wal_checkpoint(TRUNCATE)').execute(db);
    },
    addSequenceKey(table, column) {
      return table.addColumn(column, 'integer', (col) => col.primaryKey().autoIncrement());
    },
    async listIndexes(db, table) {
      const result = await sql<{ name: string; sql: string }>`
        select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null
        order by name`.execute(db);
      return result.rows.map((row) => ({ name: row.name, definition: row.sql }));
    },
    // One connection writes at a time and the transaction already holds it.
    lockForBulkLoad: async () => {},
    async tryLockForAppend(db, table) {
      // Kysely begins SQLite transactions DEFERRED: no lock until the first write, and a transaction that
      // read first cannot upgrade once another connection has written (SQLITE_BUSY_SNAPSHOT). A write
      // that changes nothing takes the database write lock now, like BEGIN IMMEDIATE would; with no busy
      // timeout for it, a held lock answers SQLITE_BUSY at once instead of a synchronous wait.
      try {
        await lockWaiting(db, table, 0);
        return true;
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return false;
        throw error;
      }
    },
    lockForAppend: (db, table, timeoutMs) => lockWaiting(db, table, timeoutMs),
    async lockForWrite(db) {
      // The same no-op write as tryLockForAppend, on a table every database has, waiting up to
      // busy_timeout. better-sqlite3 waits synchronously, so two stores on one file must not share a
      // thread: the waiting one would stall the event loop the lock holder needs to finish.
      await sql`update candor_migration set name = name where 0`.execute(db);
    },
    async addChangeCounter(db, spec) {
      const n = changeCounterNames(spec);
      const bump = (rows: string) =>
        `update ${n.target} set ${n.counter} = ${n.counter} + 1 where ${n.key} in (${rows})`;
      const rowsOf = {
        insert: `new.${n.column}`,
        update: `old.${n.column}, new.${n.column}`,
        delete: `old.${n.column}`,
      };
      for (const change of CHANGES) {
        await sql
          .raw(
            `create trigger ${n.object(change)} after ${change} on ${n.table} begin ${bump(rowsOf[change])}; end`,
          )
          .execute(db);
      }
    },
    async dropChangeCounter(db, table) {
      for (const change of CHANGES) {
        await sql.raw(`drop trigger if exists ${changeCounterObject(table, change)}`).execute(db);
      }
    },
    sqliteConnection: () => connection,
    databaseFile: () => (file === ':memory:' || file === '' ? undefined : file),
    describe: () => `sqlite:${file}`,
  };
}
