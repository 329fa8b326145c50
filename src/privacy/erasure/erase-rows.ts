import type { Kysely } from 'kysely';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';

/** The subject as erasure finds it: ids resolved, nothing deleted yet. */
export interface ErasureTarget {
  id: string;
  key: number;
}

/**
 * Deletes every row about the subject in one transaction, child tables first, and shreds the subject's
 * data key last inside it, so that a failure leaves everything in place. Returns rows deleted per table.
 */
export async function eraseRows(
  store: Store,
  target: ErasureTarget,
  pseudonym: string,
): Promise<{ rows: Record<string, number>; dataKeyShredded: boolean }> {
  return store.db.transaction().execute(async (trx) => {
    const db = trx as Kysely<Database>;
    await store.dialect.lockForWrite(db);
    const rows: Record<string, number> = {};
    const count = (result: { numDeletedRows: bigint }[]) =>
      result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
    const accounts = await db
      .selectFrom('accounts')
      .select('id')
      .where('subject_id', '=', target.id)
      .execute();
    const accountIds = accounts.map((a) => a.id);
    // Sessions of the viewer's own account, and any household member's session acting as the viewer.
    rows.sessions = count(
      await db
        .deleteFrom('sessions')
        .where((eb) =>
          accountIds.length
            ? eb.or([eb('account_id', 'in', accountIds), eb('profile_subject_id', '=', target.id)])
            : eb('profile_subject_id', '=', target.id),
        )
        .execute(),
    );
    // The viewer leaves its household; its own account's household is dissolved (the profiles stay).
    rows.account_profiles = count(
      await db
        .deleteFrom('account_profiles')
        .where((eb) =>
          accountIds.length
            ? eb.or([eb('subject_id', '=', target.id), eb('account_id', 'in', accountIds)])
            : eb('subject_id', '=', target.id),
        )
        .execute(),
    );
    rows.accounts = count(await db.deleteFrom('accounts').where('subject_id', '=', target.id).execute());
    rows.decision_records = count(
      await db.deleteFrom('decision_records').where('subject', '=', pseudonym).execute(),
    );
    rows.feedback = count(await db.deleteFrom('feedback').where('subject_id', '=', target.id).execute());
    const reviews = await db.selectFrom('reviews').select('id').where('subject_id', '=', target.id).execute();
    rows.safety_queue = reviews.length
      ? count(
          await db
            .deleteFrom('safety_queue')
            .where('target_kind', '=', 'review')
            .where(
              'target_id',
              'in',
              reviews.map((r) => r.id),
            )
            .execute(),
        )
      : 0;
    rows.reviews = count(await db.deleteFrom('reviews').where('subject_id', '=', target.id).execute());
    rows.interactions = count(
      await db.deleteFrom('interactions').where('subject_key', '=', target.key).execute(),
    );
    rows.consent_events = count(
      await db.deleteFrom('consent_events').where('subject_id', '=', target.id).execute(),
    );
    rows.profile_quarantine = count(
      await db.deleteFrom('profile_quarantine').where('subject_id', '=', target.id).execute(),
    );
    rows.subject_personal = count(
      await db.deleteFrom('subject_personal').where('subject_id', '=', target.id).execute(),
    );
    rows.subjects = count(await db.deleteFrom('subjects').where('id', '=', target.id).execute());
    const dataKeyShredded = await store.keyring.shred(target.id, { db });
    rows.subject_keys = dataKeyShredded ? 1 : 0;
    return { rows, dataKeyShredded };
  });
}

/** Tables erasure deletes from, for the dialect's scrub (VACUUM on PostgreSQL). */
export const ERASED_TABLES = [
  'sessions',
  'account_profiles',
  'accounts',
  'decision_records',
  'feedback',
  'safety_queue',
  'reviews',
  'interactions',
  'consent_events',
  'profile_quarantine',
  'subject_personal',
  'subjects',
  'subject_keys',
] as const;
