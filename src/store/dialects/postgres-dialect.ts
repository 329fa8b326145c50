import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { changeCounterNames, changeCounterObject } from './change-counter-names.js';
import type { StoreDialect } from './store-dialect.js';

// int8 (bigint) comes back as a string by default; sequence values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export function postgresDialect(url: string, options: { poolSize?: number } = {}): StoreDialect {
  return {
    name: 'postgres',
    maxBindParameters: 65_000,
    appendRowsPerStatement: { skippingKnownKeys: 1000, plain: 1000 },
    createKyselyDialect() {
      const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
      // An idle connection the server ends (restart, failover, an administrator) emits 'error' on the
      // pool, which crashes the process unless handled; the pool drops it and reconnects on next use.
      pool.on('error', (error) => {
        process.emitWarning(`PostgreSQL dropped an idle connection: ${error.message}`, 'CandorStoreWarning');
      });
      return new PostgresDialect({ pool });
    },
    placeholder: (index) => `$${index + 1}`,
    async scrubAfterErasure(db, tables) {
      // VACUUM cannot run in a transaction block; each table is vacuumed on its own.
      for (const table of tables) {
        if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
        await sql.raw(`VACUUM ${table}`).execute(db);
      }
    },
    addSequenceKey(table, column) {
      return table.addColumn(column, 'bigserial', (col) => col.primaryKey());
    },
    async listIndexes(db, table) {
      const result = await sql<{ name: string; definition: string }>`
        select i.indexname as name, i.indexdef as definition
        from pg_indexes i
        where i.schemaname = current_schema() and i.tablename = ${table}
          and i.indexname not in (
            select conname from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u'))
        order by i.indexname`.execute(db);
      return result.rows;
    },
    async lockForBulkLoad(db, table) {
      await sql`lock table ${sql.table(table)} in exclusive mode`.execute(db);
    },
    async tryLockForAppend(db, table) {
      // Self-conflicting and blocks every other writer, but not readers; taken before the transaction's
      // first query, so even a REPEATABLE READ snapshot is taken after the previous writer committed.
      try {
        await sql`lock table ${sql.table(table)} in share row exclusive mode nowait`.execute(db);
        return true;
      } catch (error) {
        // lock_not_available
        if ((error as { code?: unknown }).code === '55P03') return false;
        throw error;
      }
    },
    async lockForAppend(db, table, timeoutMs) {
      // lock_timeout cannot be a bind parameter; the number is the caller's, checked here.
      if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`lock timeout ${timeoutMs} ms`);
      await sql.raw(`set local lock_timeout = ${timeoutMs}`).execute(db);
      await sql`lock table ${sql.table(table)} in share row exclusive mode`.execute(db);
    },
    async lockForWrite() {},
    async addChangeCounter(db, spec) {
      const n = changeCounterNames(spec);
      // Statement-level, over the transition tables, and the writing transaction's id rather than a
      // count: counting would rewrite a viewer's row once per statement, and repeated updates of one row
      // in one transaction grow a chain of row versions that every later update walks (a bulk load of
      // 100k events ran twice as long). Each transaction stamps a row once; transaction ids are never
      // reused, so the value still changes with every committed write. The rows are locked in ascending
      // key order first, so two statements stamping overlapping viewers cannot deadlock on them.
      const stamp = (rows: string) => {
        const changed = `${n.key} in (select ${n.column} from (${rows}) changed)
              and ${n.counter} is distinct from txid_current()`;
        return `
          perform 1 from ${n.target} where ${changed} order by ${n.key} for no key update;
          update ${n.target} set ${n.counter} = txid_current() where ${changed};`;
      };
      await sql
        .raw(
          `create function ${n.object('fn')}() returns trigger language plpgsql as $body$
           begin
             if tg_op = 'INSERT' then ${stamp('select * from new_rows')}
             elsif tg_op = 'DELETE' then ${stamp('select * from old_rows')}
             else ${stamp('select * from new_rows union all select * from old_rows')}
             end if;
             return null;
           end $body$`,
        )
        .execute(db);
      const transitions = {
        insert: 'new table as new_rows',
        delete: 'old table as old_rows',
        update: 'old table as old_rows new table as new_rows',
      };
      for (const [change, referencing] of Object.entries(transitions)) {
        await sql
          .raw(
            `create trigger ${n.object(change)} after ${change} on ${n.table} referencing ${referencing} ` +
              `for each statement execute function ${n.object('fn')}()`,
          )
          .execute(db);
      }
    },
    async dropChangeCounter(db, table) {
      // Dropping the function with cascade drops its triggers.
      await sql.raw(`drop function if exists ${changeCounterObject(table, 'fn')}() cascade`).execute(db);
    },
    databaseFile: () => undefined,
    sqliteConnection: () => undefined,
    describe() {
      const parsed = new URL(url);
      return `postgres://${parsed.host}${parsed.pathname}`;
    },
  };
}
