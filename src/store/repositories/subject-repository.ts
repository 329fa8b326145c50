import type { Kysely } from 'kysely';
import type { ViewerRecord } from '../../catalog/catalog-records.js';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { type Clock, newId, systemClock } from '../ids.js';
import type { Database, SubjectRow } from '../schema.js';
import { chunks, rowsPerStatement } from './chunk.js';
import { idsByExternalId } from './external-ids.js';
import type { SubjectKeyring } from '../../privacy/keyring/subject-keyring.js';
import { isEncrypted } from '../../privacy/keyring/field-cipher.js';

/** Columns of subject_personal that hold personal data (all of them but the key and the time). */
export const PERSONAL_COLUMNS = ['display_name', 'email', 'gender', 'occupation'] as const;
type PersonalColumn = (typeof PERSONAL_COLUMNS)[number];

/** Decrypts a subject_personal row; a shredded key reads as no personal data at all. */
export async function openPersonal(
  keyring: SubjectKeyring,
  subjectId: string,
  row: Record<PersonalColumn, string | null>,
  db?: Kysely<Database>,
): Promise<SubjectPersonal> {
  const [displayName, email, gender, occupation] = await keyring.decryptMany(
    PERSONAL_COLUMNS.map((column) => ({
      subjectId,
      field: `subject_personal.${column}` as const,
      value: row[column],
    })),
    db ? { db } : {},
  );
  return {
    displayName: displayName ?? null,
    email: email ?? null,
    gender: gender ?? null,
    occupation: occupation ?? null,
  };
}

export interface SubjectPersonal {
  displayName: string | null;
  email: string | null;
  gender: string | null;
  occupation: string | null;
}

export const AGE_BAND_FIELD = 'subjects.age_band' as const;
export const UNKNOWN_AGE_BAND = 'unknown';

/** A stored age band in the clear: decrypted when encrypted (`unknown` never is). */
export async function openAgeBand(
  keyring: SubjectKeyring,
  subjectId: string,
  stored: string,
): Promise<string> {
  return isEncrypted(stored)
    ? ((await keyring.decrypt(subjectId, AGE_BAND_FIELD, stored)) as string)
    : stored;
}

/** Viewers (data subjects). Personal fields are written to their own table, only when present. */
export class SubjectRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly clock: Clock = systemClock,
    /** Encrypts personal fields per subject; without it, viewers with personal fields are refused. */
    private readonly keyring?: SubjectKeyring,
  ) {}

  /**
   * Inserts the viewers not already present and returns how many were new; `onInserted` receives the new
   * ones with their ids (the import records their consent with it, in the same transaction).
   */
  async insertViewers(
    records: readonly ViewerRecord[],
    onInserted?: (fresh: { id: string; record: ViewerRecord }[]) => Promise<void>,
  ): Promise<number> {
    const unique = [...new Map(records.map((r) => [r.externalId, r])).values()];
    const existing = await idsByExternalId(
      this.db,
      'subjects',
      unique.map((r) => r.externalId),
    );
    const fresh = unique.filter((r) => !existing.has(r.externalId));
    const now = this.clock().toISOString();
    const subjects = fresh.map((r) => ({
      id: newId(),
      external_id: r.externalId,
      profile_kind: r.profileKind,
      age_band: r.ageBand,
      created_at: now,
    }));
    const personal = fresh.flatMap((r, index) => {
      // Demographics without consent never reach the database, whatever the caller passed.
      const gender = r.demographicsConsent ? r.gender : null;
      const occupation = r.demographicsConsent ? r.occupation : null;
      if (r.displayName === null && r.email === null && gender === null && occupation === null) return [];
      return [
        {
          subject_id: subjects[index]?.id as string,
          display_name: r.displayName,
          email: r.email,
          gender,
          occupation,
          updated_at: now,
        },
      ];
    });
    // Sealed first: without a keyring nothing at all is written.
    const sealed = await this.sealed(personal);
    await this.sealAgeBands(subjects);
    for (const chunk of chunks(subjects, rowsPerStatement(this.dialect, 6))) {
      await this.db.insertInto('subjects').values(chunk).execute();
    }
    for (const chunk of chunks(sealed, rowsPerStatement(this.dialect, 6))) {
      await this.db.insertInto('subject_personal').values(chunk).execute();
    }
    await onInserted?.(
      subjects.map((subject, index) => ({ id: subject.id, record: fresh[index] as ViewerRecord })),
    );
    return subjects.length;
  }

  /**
   * An age band is a demographic: encrypted like the others. `unknown` says nothing about the viewer and
   * stays in the clear, so viewers without any personal field need no data key at all.
   */
  private async sealAgeBands(subjects: { id: string; age_band: string }[]): Promise<void> {
    const known = subjects.filter((subject) => subject.age_band !== UNKNOWN_AGE_BAND);
    if (known.length === 0) return;
    if (!this.keyring) throw new Error('age bands can only be stored encrypted: no keyring given');
    const encrypted = await this.keyring.encryptMany(
      known.map((subject) => ({ subjectId: subject.id, field: AGE_BAND_FIELD, value: subject.age_band })),
      { db: this.db },
    );
    known.forEach((subject, index) => {
      subject.age_band = encrypted[index] as string;
    });
  }

  /** The rows with every personal column encrypted under its subject's data key. */
  private async sealed<Row extends { subject_id: string } & Record<PersonalColumn, string | null>>(
    rows: Row[],
  ): Promise<Row[]> {
    if (rows.length === 0) return rows;
    if (!this.keyring) throw new Error('personal fields can only be stored encrypted: no keyring given');
    const values = rows.flatMap((row) =>
      PERSONAL_COLUMNS.map((column) => ({
        subjectId: row.subject_id,
        field: `subject_personal.${column}` as const,
        value: row[column],
      })),
    );
    const encrypted = await this.keyring.encryptMany(values, { db: this.db });
    return rows.map((row, r) => {
      const copy = { ...row };
      PERSONAL_COLUMNS.forEach((column, c) => {
        copy[column] = encrypted[r * PERSONAL_COLUMNS.length + c] as (typeof copy)[typeof column];
      });
      return copy;
    });
  }

  async get(id: string): Promise<SubjectRow | undefined> {
    return this.db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getByExternalId(externalId: string): Promise<SubjectRow | undefined> {
    return this.db
      .selectFrom('subjects')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirst();
  }

  async getPersonal(subjectId: string): Promise<SubjectPersonal | undefined> {
    const row = await this.db
      .selectFrom('subject_personal')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (!this.keyring) throw new Error('personal fields are encrypted: no keyring given');
    return openPersonal(this.keyring, subjectId, row, this.db);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
