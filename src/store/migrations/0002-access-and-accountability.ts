import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialects/store-dialect.js';

/** Accounts, sessions and API keys; the audit hash chain; one decision record per served list. */
export function accessAndAccountability(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        // Null: the account cannot sign in with a password (for instance while it is being set up).
        .addColumn('password_hash', 'text')
        // JSON array of role names.
        .addColumn('roles', 'text', (c) => c.notNull())
        // The viewer the account is; erasing the viewer erases the account with it.
        .addColumn('subject_id', 'text', (c) => c.unique().references('subjects.id').onDelete('cascade'))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // sha256 of the opaque cookie token; the token itself is never stored.
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('sessions_account_idx').on('sessions').column('account_id').execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        // The first characters of the key, shown in listings so that a key can be recognised.
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await dialect
        .addSequenceKey(db.schema.createTable('audit_log'), 'seq')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        // Pseudonym of the data subject concerned, never the subject's id.
        .addColumn('subject', 'text')
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .execute();

      await db.schema
        .createTable('decision_records')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // Pseudonym of the viewer served: once the viewer is erased nobody can link the record back.
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('surface', 'text', (c) => c.notNull())
        .addColumn('model_id', 'text', (c) => c.notNull())
        .addColumn('policy_version', 'text', (c) => c.notNull())
        // JSON: the consent state the pipeline used.
        .addColumn('consent', 'text', (c) => c.notNull())
        // JSON: the stages applied in order and what each changed.
        .addColumn('stages', 'text', (c) => c.notNull())
        // JSON: the items served with their scores.
        .addColumn('items', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('decision_records_subject_idx')
        .on('decision_records')
        .columns(['subject', 'created_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['decision_records', 'audit_log', 'api_keys', 'sessions', 'accounts']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
