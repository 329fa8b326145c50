import { type Kysely, type Migration, sql } from 'kysely';
import type { StoreDialect } from '../dialects/store-dialect.js';

/**
 * Privacy: per-subject data keys (envelope encryption), the consent ledger, the differential-privacy
 * budget ledger and erasure certificates.
 */
export function privacy(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('subject_keys')
        // No foreign key: erasure deletes the key itself, last, after every row it protected.
        .addColumn('subject_id', 'text', (c) => c.primaryKey())
        // The subject's AES-256 data key, wrapped (AES-256-GCM) by the master key named beside it.
        .addColumn('wrapped_key', 'text', (c) => c.notNull())
        .addColumn('master_key_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('rewrapped_at', 'text')
        .execute();
      await db.schema
        .createIndex('subject_keys_master_idx')
        .on('subject_keys')
        .column('master_key_id')
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('consent_events'), 'seq')
        .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('granted', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        // Version of the consent text the viewer was shown (a content hash of the purposes' wording).
        .addColumn('text_version', 'text', (c) => c.notNull())
        // How it was given or withdrawn: api, web, cli, import, demo.
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('consent_events_subject_idx')
        .on('consent_events')
        .columns(['subject_id', 'purpose', 'seq'])
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('dp_budget_spend'), 'seq')
        .addColumn('dataset', 'text', (c) => c.notNull())
        .addColumn('analyst', 'text', (c) => c.notNull())
        .addColumn('epsilon', 'double precision', (c) => c.notNull())
        .addColumn('delta', 'double precision', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dp_budget_spend_idx')
        .on('dp_budget_spend')
        .columns(['dataset', 'analyst'])
        .execute();

      // Demographics consent moves from a flag on the subject to the consent ledger, with its history.
      await sql`
        INSERT INTO consent_events (subject_id, purpose, granted, at, text_version, method, actor)
        SELECT id, 'demographics_for_fairness_audit', 1, created_at, 'before-consent-ledger', 'migration', 'system'
        FROM subjects WHERE demographics_consent = 1 ORDER BY key`.execute(db);
      await db.schema.alterTable('subjects').dropColumn('demographics_consent').execute();

      await db.schema
        .createTable('erasure_certificates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        // JSON, without personal data: what was erased, model versions, verification.
        .addColumn('certificate', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema
        .alterTable('subjects')
        .addColumn('demographics_consent', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      for (const table of ['erasure_certificates', 'dp_budget_spend', 'consent_events', 'subject_keys']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
