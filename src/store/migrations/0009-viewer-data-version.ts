import type { Kysely, Migration } from 'kysely';
import type { ChangeCounterSpec, StoreDialect } from '../dialects/store-dialect.js';

/** The tables the serving path reads about a viewer on every request, and how each names the viewer. */
const VIEWER_DATA: readonly Omit<ChangeCounterSpec, 'target'>[] = [
  { table: 'interactions', column: 'subject_key' },
  { table: 'consent_events', column: 'subject_id' },
  { table: 'feedback', column: 'subject_id' },
];

/**
 * A per-viewer change marker: triggers change `subjects.data_version` whenever a row of the viewer's
 * history, consent ledger or feedback is written or deleted, by any process or tool, in the writing
 * transaction (see StoreDialect.addChangeCounter). The serving path reads the subject row anyway; with the counter beside it, what it read
 * about the viewer before stays usable exactly as long as nothing of it changed (server/viewer-data-cache.ts).
 */
export function viewerDataVersion(dialect: StoreDialect): Migration {
  const target = (column: string) =>
    ({ table: 'subjects', key: column === 'subject_key' ? 'key' : 'id', counter: 'data_version' }) as const;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('subjects')
        .addColumn('data_version', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      for (const spec of VIEWER_DATA) {
        await dialect.addChangeCounter(db, { ...spec, target: target(spec.column) });
      }
    },
    async down(db: Kysely<unknown>) {
      for (const { table } of VIEWER_DATA) await dialect.dropChangeCounter(db, table);
      await db.schema.alterTable('subjects').dropColumn('data_version').execute();
    },
  };
}
