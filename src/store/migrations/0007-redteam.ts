import type { Kysely, Migration } from 'kysely';

/**
 * Red team: viewer profiles the shilling detector found suspicious, kept out of training until a curator
 * releases them (or confirms them as fake). One row per quarantine, never deleted but by erasure: a
 * profile released and flagged again after its data changed gets a new row, so the state at any past
 * time (what a model's training snapshot excluded) can be read back.
 */
export const redteam: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('profile_quarantine')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      .addColumn('score', 'double precision', (c) => c.notNull())
      // JSON: each feature's raw value and standard score, and which features voted. No personal data.
      .addColumn('features', 'text', (c) => c.notNull())
      .addColumn('detector_version', 'text', (c) => c.notNull())
      // quarantined, released or confirmed.
      .addColumn('status', 'text', (c) => c.notNull())
      // The subject's latest interaction sequence number when flagged: a release stands until it grows.
      .addColumn('data_seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .execute();
    await db.schema
      .createIndex('profile_quarantine_subject_idx')
      .on('profile_quarantine')
      .columns(['subject_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('profile_quarantine_status_idx')
      .on('profile_quarantine')
      .columns(['status', 'created_at'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('profile_quarantine').execute();
  },
};
