import type { Kysely, Selectable } from 'kysely';
import { type Clock, newId, systemClock } from '../ids.js';
import type { AccountsTable, Database } from '../schema.js';

export interface AccountRecord {
  id: string;
  username: string;
  roles: string[];
  subjectId: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AccountWithHash extends AccountRecord {
  passwordHash: string | null;
}

export interface NewAccount {
  username: string;
  passwordHash: string | null;
  roles: readonly string[];
  subjectId?: string | null;
}

type Row = Selectable<AccountsTable>;

function toRecord(row: Row): AccountWithHash {
  return {
    id: row.id,
    username: row.username,
    roles: JSON.parse(row.roles) as string[],
    subjectId: row.subject_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
  };
}

const withoutHash = ({ passwordHash: _hash, ...account }: AccountWithHash): AccountRecord => account;

/** Sign-in accounts. Password hashes leave this repository only through `getWithHash`. */
export class AccountRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async create(account: NewAccount): Promise<AccountRecord> {
    const now = this.clock().toISOString();
    const id = newId();
    await this.db
      .insertInto('accounts')
      .values({
        id,
        username: account.username,
        password_hash: account.passwordHash,
        roles: JSON.stringify([...account.roles]),
        subject_id: account.subjectId ?? null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(id)) as AccountRecord;
  }

  async get(id: string): Promise<AccountRecord | undefined> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? withoutHash(toRecord(row)) : undefined;
  }

  async getWithHash(username: string): Promise<AccountWithHash | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<AccountRecord[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().orderBy('id').execute();
    return rows.map((row) => withoutHash(toRecord(row)));
  }

  async update(
    id: string,
    change: { roles?: readonly string[]; disabled?: boolean; passwordHash?: string },
  ): Promise<AccountRecord | undefined> {
    await this.db
      .updateTable('accounts')
      .set({
        ...(change.roles ? { roles: JSON.stringify([...change.roles]) } : {}),
        ...(change.disabled === undefined ? {} : { disabled: Number(change.disabled) }),
        ...(change.passwordHash ? { password_hash: change.passwordHash } : {}),
        updated_at: this.clock().toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }
}
