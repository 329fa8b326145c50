import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../../store/dialects/store-dialect.js';
import { type Clock, systemClock } from '../../store/ids.js';
import { chunks, rowsPerStatement } from '../../store/repositories/chunk.js';
import type { Database } from '../../store/schema.js';

export interface WrappedKey {
  subjectId: string;
  /** base64url of the data key sealed under the master key (see data-key.ts). */
  wrappedKey: string;
  masterKeyId: string;
}

export interface Rewrapped {
  subjectId: string;
  /** The value read: the row changes only if it still holds it. */
  previous: string;
  wrappedKey: string;
}

/** Ids per `IN (...)` when reading keys; far below every engine's bind parameter limit. */
const READ_CHUNK = 1000;
const INSERT_COLUMNS = 5;
/** Bind parameters per row of the rewrap UPDATE: two in the CASE, two in the WHERE. */
export const REWRAP_PARAMETERS_PER_ROW = 4;

type WrappedKeyRow = { subject_id: string; wrapped_key: string; master_key_id: string };

function fromRow(row: WrappedKeyRow): WrappedKey {
  return { subjectId: row.subject_id, wrappedKey: row.wrapped_key, masterKeyId: row.master_key_id };
}

/** Rows of `subject_keys`: wrapped keys only; wrapping and unwrapping are the keyring's. */
export class SubjectKeyRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly clock: Clock = systemClock,
  ) {}

  async read(subjectIds: readonly string[]): Promise<WrappedKey[]> {
    const found: WrappedKey[] = [];
    for (const chunk of chunks(subjectIds, rowsPerStatement(this.dialect, 1, READ_CHUNK))) {
      const rows = await this.db
        .selectFrom('subject_keys')
        .select(['subject_id', 'wrapped_key', 'master_key_id'])
        .where('subject_id', 'in', chunk)
        .execute();
      found.push(...rows.map(fromRow));
    }
    return found;
  }

  /** Inserts keys for subjects that have none; where another writer got there first, its key stays. */
  async insertMissing(keys: readonly WrappedKey[]): Promise<void> {
    const createdAt = this.clock().toISOString();
    for (const chunk of chunks(keys, rowsPerStatement(this.dialect, INSERT_COLUMNS))) {
      await this.db
        .insertInto('subject_keys')
        .values(
          chunk.map((key) => ({
            subject_id: key.subjectId,
            wrapped_key: key.wrappedKey,
            master_key_id: key.masterKeyId,
            created_at: createdAt,
            rewrapped_at: null,
          })),
        )
        .onConflict((oc) => oc.column('subject_id').doNothing())
        .execute();
    }
  }

  /** True if the subject had a key. */
  async delete(subjectId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('subject_keys')
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async countByMasterKey(): Promise<{ masterKeyId: string; subjects: number }[]> {
    const rows = await this.db
      .selectFrom('subject_keys')
      .select(['master_key_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy('master_key_id')
      .orderBy('master_key_id')
      .execute();
    return rows.map((row) => ({ masterKeyId: row.master_key_id, subjects: Number(row.n) }));
  }

  /**
   * The next keys, in subject order after `after`, not wrapped by `masterKeyId`. Keyset pagination:
   * each batch starts after the previous one whatever happened to the rows behind it.
   */
  async notWrappedBy(masterKeyId: string, after: string | undefined, limit: number): Promise<WrappedKey[]> {
    const rows = await this.db
      .selectFrom('subject_keys')
      .select(['subject_id', 'wrapped_key', 'master_key_id'])
      .where('master_key_id', '!=', masterKeyId)
      .$if(after !== undefined, (qb) => qb.where('subject_id', '>', after as string))
      .orderBy('subject_id')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /**
   * Replaces wrapped keys in one statement; returns how many rows changed. Matching on the previous
   * wrapped key as well as the subject skips a key shredded and re-created since it was read:
   * overwriting it would put back the old data key and lose the new one.
   */
  async replaceWrapped(keys: readonly Rewrapped[], masterKeyId: string): Promise<number> {
    if (keys.length === 0) return 0;
    const cases = keys.map((key) => sql`when ${key.previous} then ${key.wrappedKey}`);
    const result = await this.db
      .updateTable('subject_keys')
      .set({
        wrapped_key: sql<string>`case wrapped_key ${sql.join(cases, sql` `)} end`,
        master_key_id: masterKeyId,
        rewrapped_at: this.clock().toISOString(),
      })
      .where(
        'subject_id',
        'in',
        keys.map((key) => key.subjectId),
      )
      .where(
        'wrapped_key',
        'in',
        keys.map((key) => key.previous),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
