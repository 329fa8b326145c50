import type { Kysely, Migration } from 'kysely';

/**
 * Household profiles: an account may act as other viewers' profiles (a parent's account with the
 * family's teen and kids profiles). A session acts as one profile; switching starts a new session.
 */
export const householdProfiles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('account_profiles')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      // A profile belongs to one household.
      .addColumn('subject_id', 'text', (c) =>
        c.notNull().unique().references('subjects.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('account_profiles_pk', ['account_id', 'subject_id'])
      .execute();
    // The profile a session acts as (null: the account's own viewer). Erasing the profile ends the session.
    await db.schema
      .alterTable('sessions')
      .addColumn('profile_subject_id', 'text', (c) => c.references('subjects.id').onDelete('cascade'))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').dropColumn('profile_subject_id').execute();
    await db.schema.dropTable('account_profiles').execute();
  },
};
