import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { postgresTestStore, postgresTestUrl } from '../support/test-stores.js';

describe.skipIf(!postgresTestUrl)('PostgreSQL store resilience', () => {
  it('survives the server ending its idle connections, and reconnects', async () => {
    const t = await postgresTestStore();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      await sql`select 1`.execute(t.store.db);
      const database = (await sql<{ name: string }>`select current_database() as name`.execute(t.store.db))
        .rows[0]?.name;
      const admin = new pg.Client({ connectionString: postgresTestUrl });
      await admin.connect();
      const ended = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      );
      await admin.end();
      expect(ended.rowCount).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const after = await sql<{ one: number }>`select 1 as one`.execute(t.store.db);
      expect(after.rows[0]?.one).toBe(1);
      expect(warnings.some((w) => w.includes('dropped an idle connection'))).toBe(true);
    } finally {
      process.off('warning', onWarning);
      await t.dispose();
    }
  });
});
