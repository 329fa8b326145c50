import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../ids.js';
import type { Database } from '../schema.js';

export interface HouseholdProfile {
  subjectId: string;
  profileKind: string;
  /** The account's own viewer, as opposed to a profile added to its household. */
  own: boolean;
}

/** The profiles an account may act as: its own viewer first, then the household's other profiles. */
export class HouseholdProfiles {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async of(accountId: string): Promise<HouseholdProfile[]> {
    const own = await this.db
      .selectFrom('accounts')
      .innerJoin('subjects', 'subjects.id', 'accounts.subject_id')
      .select(['subjects.id as subjectId', 'subjects.profile_kind as profileKind'])
      .where('accounts.id', '=', accountId)
      .execute();
    const added = await this.db
      .selectFrom('account_profiles')
      .innerJoin('subjects', 'subjects.id', 'account_profiles.subject_id')
      .select(['subjects.id as subjectId', 'subjects.profile_kind as profileKind'])
      .where('account_profiles.account_id', '=', accountId)
      .orderBy('account_profiles.created_at')
      .orderBy('subjects.id')
      .execute();
    return [...own.map((p) => ({ ...p, own: true })), ...added.map((p) => ({ ...p, own: false }))];
  }

  /**
   * Adds a viewer to the account's household. A profile belongs to one household (the database refuses
   * a second); it may also have an account of its own (a teen with their own sign-in).
   */
  async add(accountId: string, subjectId: string): Promise<void> {
    const own = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', accountId)
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    if (own) throw new Error('the viewer is already this account’s own profile');
    await this.db
      .insertInto('account_profiles')
      .values({ account_id: accountId, subject_id: subjectId, created_at: this.clock().toISOString() })
      .execute();
  }
}
