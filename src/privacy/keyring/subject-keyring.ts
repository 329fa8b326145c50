import type { Kysely } from 'kysely';
import type { StoreDialect } from '../../store/dialects/store-dialect.js';
import { type Clock, systemClock } from '../../store/ids.js';
import { rowsPerStatement } from '../../store/repositories/chunk.js';
import type { Database } from '../../store/schema.js';
import { generateDataKey, unwrapDataKey, wrapDataKey } from './data-key.js';
import { decryptField, encryptField, type PersonalField } from './field-cipher.js';
import { LruCache } from './lru-cache.js';
import type { MasterKey, MasterKeySet } from './master-key.js';
import {
  REWRAP_PARAMETERS_PER_ROW,
  SubjectKeyRepository,
  type WrappedKey,
} from './subject-key-repository.js';
import { SubjectKeyShreddedError } from './subject-key-shredded-error.js';

export interface SubjectKeyringOptions {
  /** Unwrapped data keys kept in memory (least recently used dropped first). */
  cacheSize?: number;
  clock?: Clock;
}

export interface KeyringCall {
  /** The caller's transaction, to read and write keys inside it. */
  db?: Kysely<Database>;
}

export interface FieldValue {
  subjectId: string;
  field: PersonalField;
  value: string | null;
}

export interface RewrapOptions {
  to: MasterKey;
  /** Keys per transaction (lowered if the engine's bind parameter limit requires). */
  batchSize?: number;
  onProgress?: (progress: { rewrapped: number; total: number }) => void;
}

export interface RewrapResult {
  rewrapped: number;
  /** Keys that were under the target master key before the run began. */
  alreadyCurrent: number;
}

export interface MasterKeyUsage {
  masterKeyId: string;
  subjects: number;
  current: boolean;
  /** False when no loaded master key has this id: those data keys cannot be unwrapped. */
  loaded: boolean;
}

const DEFAULT_CACHE_SIZE = 10_000;
const DEFAULT_REWRAP_BATCH = 500;

/**
 * Per-subject data keys (envelope encryption): each subject's personal fields are encrypted under its
 * own AES-256 key, stored wrapped by a master key in `subject_keys`. Deleting that row (`shred`) makes
 * every copy of those fields unreadable, backups included; rotating the master key (`rewrapAll`)
 * rewrites only the wrapped keys, never the rows they protect.
 *
 * The cache is per process: a key shredded by another process stays usable here until evicted.
 */
export class SubjectKeyring {
  private readonly cache: LruCache<string, Buffer>;
  private readonly known: Map<string, MasterKey>;
  private readonly current: MasterKey;
  private readonly clock: Clock;
  /**
   * Bumped whenever keys leave the cache. A read that began before must not cache what it found: it may
   * have read a row a shred was deleting meanwhile.
   */
  private epoch = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    masterKeys: MasterKeySet,
    options: SubjectKeyringOptions = {},
  ) {
    this.current = masterKeys.current;
    this.known = new Map(masterKeys.all);
    this.known.set(masterKeys.current.id, masterKeys.current);
    this.cache = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    this.clock = options.clock ?? systemClock;
  }

  /**
   * The subject's data key; with `create`, made (and stored) when it has none. Absent without `create`
   * when the subject never had a key or it was shredded.
   */
  dataKey(subjectId: string, options: { create: true } & KeyringCall): Promise<Buffer>;
  dataKey(subjectId: string, options?: { create?: boolean } & KeyringCall): Promise<Buffer | undefined>;
  async dataKey(
    subjectId: string,
    { create = false, db }: { create?: boolean } & KeyringCall = {},
  ): Promise<Buffer | undefined> {
    const key = (await this.dataKeys([subjectId], { create, db })).get(subjectId);
    // Created, then shredded by another caller before it could be read back.
    if (create && !key) throw new SubjectKeyShreddedError(subjectId);
    return key;
  }

  /** Data keys of many subjects in a few statements; subjects without a key are absent unless `create`. */
  async dataKeys(
    subjectIds: Iterable<string>,
    { create = false, db = this.db }: { create?: boolean } & KeyringCall = {},
  ): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const subjectId of new Set(subjectIds)) {
      const cached = this.cache.get(subjectId);
      if (cached) found.set(subjectId, cached);
      else missing.push(subjectId);
    }
    if (missing.length === 0) return found;
    const epoch = this.epoch;
    const repository = this.repository(db);
    const stored = new Map<string, Buffer>();
    for (const key of await repository.read(missing)) stored.set(key.subjectId, this.unwrap(key));
    const absent = missing.filter((subjectId) => !stored.has(subjectId));
    if (create && absent.length > 0) {
      await repository.insertMissing(this.newKeys(absent));
      // Re-read rather than trust our own keys: a concurrent caller may have inserted first, and its
      // key is the one that was kept.
      for (const key of await repository.read(absent)) stored.set(key.subjectId, this.unwrap(key));
    }
    // A key read or made inside a caller's transaction vanishes if it rolls back; cached, it would go on
    // encrypting data that nobody could ever decrypt.
    const cacheable = !db.isTransaction && epoch === this.epoch;
    for (const [subjectId, key] of stored) {
      found.set(subjectId, key);
      if (cacheable) this.cache.set(subjectId, key);
    }
    return found;
  }

  /** Encrypts one field value, creating the subject's key if needed; null stays null. */
  encrypt(subjectId: string, field: PersonalField, plaintext: string, call?: KeyringCall): Promise<string>;
  encrypt(subjectId: string, field: PersonalField, plaintext: null, call?: KeyringCall): Promise<null>;
  encrypt(
    subjectId: string,
    field: PersonalField,
    plaintext: string | null,
    call?: KeyringCall,
  ): Promise<string | null>;
  async encrypt(
    subjectId: string,
    field: PersonalField,
    plaintext: string | null,
    { db }: KeyringCall = {},
  ): Promise<string | null> {
    if (plaintext === null) return null;
    const key = await this.dataKey(subjectId, { create: true, db });
    return encryptField(key, subjectId, field, plaintext);
  }

  /** Decrypts one field value; throws `SubjectKeyShreddedError` when the subject's key is gone. */
  decrypt(subjectId: string, field: PersonalField, ciphertext: string, call?: KeyringCall): Promise<string>;
  decrypt(subjectId: string, field: PersonalField, ciphertext: null, call?: KeyringCall): Promise<null>;
  decrypt(
    subjectId: string,
    field: PersonalField,
    ciphertext: string | null,
    call?: KeyringCall,
  ): Promise<string | null>;
  async decrypt(
    subjectId: string,
    field: PersonalField,
    ciphertext: string | null,
    { db }: KeyringCall = {},
  ): Promise<string | null> {
    if (ciphertext === null) return null;
    const key = await this.dataKey(subjectId, { db });
    if (!key) throw new SubjectKeyShreddedError(subjectId);
    return decryptField(key, subjectId, field, ciphertext);
  }

  /** Encrypts many values (bulk import), creating missing keys in chunked inserts; results keep order. */
  async encryptMany(rows: readonly FieldValue[], { db }: KeyringCall = {}): Promise<(string | null)[]> {
    const keys = await this.dataKeys(subjectsWithValues(rows), { create: true, db });
    return rows.map(({ subjectId, field, value }) => {
      if (value === null) return null;
      const key = keys.get(subjectId);
      // Created, then shredded by another caller before it could be read back.
      if (!key) throw new SubjectKeyShreddedError(subjectId);
      return encryptField(key, subjectId, field, value);
    });
  }

  /** Decrypts many values (export); throws `SubjectKeyShreddedError` for the first subject without a key. */
  async decryptMany(rows: readonly FieldValue[], { db }: KeyringCall = {}): Promise<(string | null)[]> {
    const keys = await this.dataKeys(subjectsWithValues(rows), { db });
    return rows.map(({ subjectId, field, value }) => {
      if (value === null) return null;
      const key = keys.get(subjectId);
      if (!key) throw new SubjectKeyShreddedError(subjectId);
      return decryptField(key, subjectId, field, value);
    });
  }

  /**
   * Deletes the subject's data key (crypto-shredding); true if it had one. Inside a transaction, call
   * `evict` again once it commits: until then other connections still see the key and may cache it.
   */
  async shred(subjectId: string, { db = this.db }: KeyringCall = {}): Promise<boolean> {
    this.evict(subjectId);
    const existed = await this.repository(db).delete(subjectId);
    this.evict(subjectId);
    return existed;
  }

  evict(subjectId: string): void {
    this.epoch += 1;
    this.cache.delete(subjectId);
  }

  clearCache(): void {
    this.epoch += 1;
    this.cache.clear();
  }

  /**
   * Re-wraps every data key not yet under `to`, one transaction per batch (an interrupted run resumes
   * where it stopped). Only `subject_keys` changes: the data keys, and so every encrypted row, stay the
   * same. New keys are still wrapped by the current master key, so `to` is normally the current one.
   */
  async rewrapAll({
    to,
    batchSize = DEFAULT_REWRAP_BATCH,
    onProgress,
  }: RewrapOptions): Promise<RewrapResult> {
    this.known.set(to.id, to);
    const usage = await this.countByMasterKey();
    const unloaded = usage.filter((u) => !u.loaded);
    if (unloaded.length > 0) {
      // Checked before changing anything, so that a missing old key does not leave a rotation half done.
      const list = unloaded.map((u) => `${u.masterKeyId} (${u.subjects} subjects)`).join(', ');
      throw new Error(`cannot rewrap: data keys are wrapped by master keys that are not loaded: ${list}`);
    }
    const alreadyCurrent = usage.find((u) => u.masterKeyId === to.id)?.subjects ?? 0;
    const total = usage.reduce((sum, u) => sum + u.subjects, 0) - alreadyCurrent;
    const size = Math.min(batchSize, rowsPerStatement(this.dialect, REWRAP_PARAMETERS_PER_ROW));
    let rewrapped = 0;
    let after: string | undefined;
    for (;;) {
      const batch = await this.db.transaction().execute(async (trx) => {
        await this.dialect.lockForWrite(trx as Kysely<Database>);
        return this.rewrapBatch(this.repository(trx), to, after, size);
      });
      if (!batch) break;
      after = batch.last;
      rewrapped += batch.rewrapped;
      onProgress?.({ rewrapped, total });
    }
    return { rewrapped, alreadyCurrent };
  }

  /** How many data keys each master key wraps, for status reports and before retiring an old key. */
  async countByMasterKey(): Promise<MasterKeyUsage[]> {
    const counts = await this.repository(this.db).countByMasterKey();
    return counts.map((count) => ({
      ...count,
      current: count.masterKeyId === this.current.id,
      loaded: this.known.has(count.masterKeyId),
    }));
  }

  private async rewrapBatch(
    repository: SubjectKeyRepository,
    to: MasterKey,
    after: string | undefined,
    size: number,
  ): Promise<{ last: string; rewrapped: number } | undefined> {
    const keys = await repository.notWrappedBy(to.id, after, size);
    const last = keys.at(-1);
    if (!last) return undefined;
    const replacements = keys.map((key) => {
      const dataKey = this.unwrap(key);
      const wrappedKey = wrapDataKey(dataKey, to, key.subjectId);
      dataKey.fill(0);
      return { subjectId: key.subjectId, previous: key.wrappedKey, wrappedKey };
    });
    return { last: last.subjectId, rewrapped: await repository.replaceWrapped(replacements, to.id) };
  }

  /** Fresh keys for subjects that have none, wrapped by the current master key. */
  private newKeys(subjectIds: readonly string[]): WrappedKey[] {
    return subjectIds.map((subjectId) => {
      const dataKey = generateDataKey();
      const wrappedKey = wrapDataKey(dataKey, this.current, subjectId);
      // Not used directly: the stored key is re-read, as a concurrent writer's may have won.
      dataKey.fill(0);
      return { subjectId, wrappedKey, masterKeyId: this.current.id };
    });
  }

  private unwrap(key: WrappedKey): Buffer {
    const master = this.known.get(key.masterKeyId);
    if (!master) {
      throw new Error(
        `the data key of subject ${key.subjectId} is wrapped by master key ${key.masterKeyId}, ` +
          'which is not loaded (pass its key file as a previous master key)',
      );
    }
    return unwrapDataKey(key.wrappedKey, master, key.subjectId);
  }

  private repository(db: Kysely<Database>): SubjectKeyRepository {
    return new SubjectKeyRepository(db, this.dialect, this.clock);
  }
}

function subjectsWithValues(rows: readonly FieldValue[]): string[] {
  return rows.flatMap((row) => (row.value === null ? [] : [row.subjectId]));
}
