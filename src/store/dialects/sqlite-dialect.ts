import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import type { StoreDialect } from './store-dialect.js';

export function sqliteDialect(file: string): StoreDialect {
  return {
    name: 'sqlite',
    // SQLite >= 3.32 allows 32,766 host parameters.
    maxBindParameters: 32_000,
    createKyselyDialect() {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      const database = new Database(file);
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      // Bulk imports insert into several B-tree indexes at random positions; a larger page cache keeps
      // them in memory (64 MiB; SQLite's default is 2 MiB).
      database.pragma('cache_size = -65536');
      return new SqliteDialect({ database });
    },
    addSequenceKey(table, column) {
      return table.addColumn(column, 'integer', (col) => col.primaryKey().autoIncrement());
    },
    describe: () => `sqlite:${file}`,
  };
}
