import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { StoreDialect } from './store-dialect.js';

// int8 (bigint) comes back as a string by default; sequence values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));

export function postgresDialect(url: string, options: { poolSize?: number } = {}): StoreDialect {
  return {
    name: 'postgres',
    maxBindParameters: 65_000,
    createKyselyDialect() {
      return new PostgresDialect({
        pool: new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 }),
      });
    },
    addSequenceKey(table, column) {
      return table.addColumn(column, 'bigserial', (col) => col.primaryKey());
    },
    describe() {
      const parsed = new URL(url);
      return `postgres://${parsed.host}${parsed.pathname}`;
    },
  };
}
