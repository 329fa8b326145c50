import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialects/store-dialect.js';

/** Catalog, subjects and their personal fields, interactions, feedback, import batches. */
export function catalogAndSubjects(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('genres')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('creators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('external_id', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('underrepresented', 'integer')
        .addColumn('region', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('items'), 'key')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('external_id', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('year', 'integer')
        .addColumn('language', 'text')
        .addColumn('maturity_system', 'text', (c) => c.notNull())
        .addColumn('maturity_rating', 'text', (c) => c.notNull())
        .addColumn('audience_level', 'integer', (c) => c.notNull())
        .addColumn('synopsis', 'text')
        .addColumn('duration_minutes', 'double precision')
        .addColumn('parent_id', 'text', (c) => c.references('items.id'))
        .addColumn('season', 'integer')
        .addColumn('episode', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('items_parent_idx').on('items').column('parent_id').execute();

      await db.schema
        .createTable('item_genres')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('genre_id', 'text', (c) => c.notNull().references('genres.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_genres_pk', ['item_id', 'genre_id'])
        .execute();
      await db.schema.createIndex('item_genres_genre_idx').on('item_genres').column('genre_id').execute();

      await db.schema
        .createTable('item_creators')
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('creator_id', 'text', (c) => c.notNull().references('creators.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_creators_pk', ['item_id', 'creator_id', 'role'])
        .execute();
      await db.schema
        .createIndex('item_creators_creator_idx')
        .on('item_creators')
        .column('creator_id')
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('subjects'), 'key')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('external_id', 'text', (c) => c.notNull().unique())
        .addColumn('profile_kind', 'text', (c) => c.notNull())
        .addColumn('age_band', 'text', (c) => c.notNull())
        .addColumn('demographics_consent', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('subject_personal')
        .addColumn('subject_id', 'text', (c) => c.primaryKey().references('subjects.id').onDelete('cascade'))
        .addColumn('display_name', 'text')
        .addColumn('email', 'text')
        .addColumn('gender', 'text')
        .addColumn('occupation', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('ingest_batches'), 'key')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('files', 'text', (c) => c.notNull())
        .addColumn('report', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('interactions'), 'seq')
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('subject_key', 'bigint', (c) => c.notNull().references('subjects.key').onDelete('cascade'))
        .addColumn('item_key', 'bigint', (c) => c.notNull().references('items.key').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('batch_key', 'bigint', (c) => c.notNull().references('ingest_batches.key'))
        .execute();
      // A named unique index rather than a column constraint, so a bulk load can set it aside.
      await db.schema
        .createIndex('interactions_idempotency_idx')
        .unique()
        .on('interactions')
        .column('idempotency_key')
        .execute();
      await db.schema
        .createIndex('interactions_subject_idx')
        .on('interactions')
        .columns(['subject_key', 'occurred_at'])
        .execute();
      await db.schema.createIndex('interactions_item_idx').on('interactions').column('item_key').execute();

      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
        .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
        .addColumn('decision_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_subject_idx').on('feedback').column('subject_id').execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        'feedback',
        'interactions',
        'ingest_batches',
        'subject_personal',
        'subjects',
        'item_creators',
        'item_genres',
        'items',
        'creators',
        'genres',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
