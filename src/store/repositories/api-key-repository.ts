import type { Kysely, Selectable } from 'kysely';
import { type Clock, systemClock } from '../ids.js';
import type { ApiKeysTable, Database } from '../schema.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  roles: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    roles: JSON.parse(row.roles) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Service API keys, stored by hash only. */
export class ApiKeyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock = systemClock,
  ) {}

  async create(key: {
    id: string;
    name: string;
    prefix: string;
    secretHash: string;
    roles: readonly string[];
    createdBy: string;
    expiresAt: string | null;
  }): Promise<ApiKeyRecord> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        secret_hash: key.secretHash,
        roles: JSON.stringify([...key.roles]),
        created_by: key.createdBy,
        created_at: this.clock().toISOString(),
        expires_at: key.expiresAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    return (await this.get(key.id)) as ApiKeyRecord;
  }

  async get(id: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** The key with this hash if it is neither revoked nor expired. */
  async live(secretHash: string): Promise<ApiKeyRecord | undefined> {
    const now = this.clock().toISOString();
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: this.clock().toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
