import type { Kysely } from 'kysely';
import { type Clock, systemClock } from '../ids.js';
import type { Database } from '../schema.js';

export interface SessionWithAccount {
  sessionId: string;
  expiresAt: string;
  accountId: string;
  username: string;
  roles: string[];
  /** The viewer the session acts as: its household profile, else the account's own viewer. */
  subjectId: string | null;
}

/** Sign-in sessions; a session is live until it expires or is revoked, and its account is enabled. */
export class SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async create(session: {
    id: string;
    tokenHash: string;
    accountId: string;
    expiresAt: string;
    /** A household profile to act as (null or absent: the account's own viewer). */
    profileSubjectId?: string | null;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        account_id: session.accountId,
        created_at: this.clock().toISOString(),
        expires_at: session.expiresAt,
        revoked_at: null,
        profile_subject_id: session.profileSubjectId ?? null,
      })
      .execute();
  }

  /** The live session with this id or token hash, with its account; undefined otherwise. */
  async live(by: { id: string } | { tokenHash: string }): Promise<SessionWithAccount | undefined> {
    const now = this.clock().toISOString();
    let query = this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.id as sessionId',
        'sessions.expires_at as expiresAt',
        'accounts.id as accountId',
        'accounts.username as username',
        'accounts.roles as roles',
        (eb) => eb.fn.coalesce('sessions.profile_subject_id', 'accounts.subject_id').as('subjectId'),
      ])
      .where('sessions.revoked_at', 'is', null)
      .where('sessions.expires_at', '>', now)
      .where('accounts.disabled', '=', 0);
    query =
      'id' in by
        ? query.where('sessions.id', '=', by.id)
        : query.where('sessions.token_hash', '=', by.tokenHash);
    const row = await query.executeTakeFirst();
    return row ? { ...row, roles: JSON.parse(row.roles) as string[] } : undefined;
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.clock().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Revokes every live session of an account (disabled account, changed password or roles). */
  async revokeAllFor(accountId: string): Promise<number> {
    const result = await this.db
      .updateTable('sessions')
      .set({ revoked_at: this.clock().toISOString() })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
