import type { Kysely, Migration } from 'kysely';

/**
 * Safety: curator blocklists, viewers' reviews (stored only after inspection, encrypted under the
 * author's data key so erasure shreds them in backups too) and the curator queue of catalog items and
 * reviews the outgoing inspection held back.
 */
export const safety: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('blocklist_terms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('list', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('pattern', 'text', (c) => c.notNull())
      // JSON array of surfaces: search, review, ask, outgoing.
      .addColumn('surfaces', 'text', (c) => c.notNull())
      .addColumn('case_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('reviews')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
      // The inspected (redacted) text, encrypted under the author's data key.
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer')
      // published, or held (queued for a curator), or rejected.
      .addColumn('status', 'text', (c) => c.notNull())
      // JSON summary of the inspection: action, finding counts, no text.
      .addColumn('inspection', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reviews_item_idx')
      .on('reviews')
      .columns(['item_id', 'status', 'created_at'])
      .execute();
    await db.schema.createIndex('reviews_subject_idx').on('reviews').column('subject_id').execute();

    await db.schema
      .createTable('safety_queue')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // item or review.
      .addColumn('target_kind', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      // pending, approved, rejected.
      .addColumn('status', 'text', (c) => c.notNull())
      // JSON: the reasons (kinds, types, severities), never the text.
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .execute();
    await db.schema
      .createIndex('safety_queue_target_idx')
      .on('safety_queue')
      .columns(['target_kind', 'target_id'])
      .unique()
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['safety_queue', 'reviews', 'blocklist_terms'])
      await db.schema.dropTable(table).execute();
  },
};
