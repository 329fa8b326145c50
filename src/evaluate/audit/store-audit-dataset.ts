import type { AgeBand, ProfileKind } from '../../catalog/viewer-profile.js';
import type { DatasetEvents } from '../../models/dataset-events.js';
import type { Store } from '../../store/open-store.js';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import { InteractionRepository } from '../../store/repositories/interaction-repository.js';
import { AGE_BAND_FIELD } from '../../store/repositories/subject-repository.js';
import { isEncrypted } from '../../privacy/keyring/field-cipher.js';
import { type AuditDataset, auditDatasetOf } from './audit-dataset.js';

const PAGE = 50_000;

/**
 * The service's own data as an audit dataset: interactions, genres, creator groups and viewer
 * attributes, read from the store. Viewers are keyed by their internal ids (never written to the
 * report, which holds aggregates only); gender and occupation are used only for viewers whose consent
 * ledger grants `demographics_for_fairness_audit` now (a withdrawal takes them out of the next audit).
 */
export async function readStoreAuditDataset(store: Store): Promise<AuditDataset> {
  const db = store.db;
  const items = await db.selectFrom('items').select(['key', 'id']).orderBy('key').execute();
  const itemIds = items.map((row) => row.id);
  const itemIndex = new Map(items.map((row, index) => [row.key, index]));
  const subjects = await db
    .selectFrom('subjects')
    .leftJoin('subject_personal', 'subject_personal.subject_id', 'subjects.id')
    .select([
      'subjects.key',
      'subjects.id',
      'subjects.profile_kind',
      'subjects.age_band',
      'subject_personal.gender',
      'subject_personal.occupation',
    ])
    .orderBy('subjects.key')
    .execute();
  const subjectIndex = new Map(subjects.map((row, index) => [row.key, index]));
  const demographicsConsented = await new ConsentRepository(db).grantedSubjects(
    'demographics_for_fairness_audit',
  );
  // Demographics are decrypted only for the viewers who consent to this use, and only in memory.
  const demographics = new Map<
    string,
    { gender: string | null; occupation: string | null; ageBand: string | null }
  >();
  const consentedRows = subjects.filter((row) => demographicsConsented.has(row.id));
  const opened = await store.keyring.decryptMany(
    consentedRows.flatMap((row) => [
      { subjectId: row.id, field: 'subject_personal.gender' as const, value: row.gender },
      { subjectId: row.id, field: 'subject_personal.occupation' as const, value: row.occupation },
      { subjectId: row.id, field: AGE_BAND_FIELD, value: isEncrypted(row.age_band) ? row.age_band : null },
    ]),
  );
  consentedRows.forEach((row, index) => {
    demographics.set(row.id, {
      gender: opened[3 * index] ?? null,
      occupation: opened[3 * index + 1] ?? null,
      ageBand: opened[3 * index + 2] ?? (isEncrypted(row.age_band) ? null : row.age_band),
    });
  });

  const users: number[] = [];
  const itemsOf: number[] = [];
  const times: number[] = [];
  for await (const page of new InteractionRepository(db, store.dialect).scan(PAGE)) {
    for (const event of page) {
      const user = subjectIndex.get(event.subject_key);
      const item = itemIndex.get(event.item_key);
      if (user === undefined || item === undefined) continue;
      users.push(user);
      itemsOf.push(item);
      times.push(Date.parse(event.occurred_at));
    }
  }
  // Only viewers with events are users of the matrix, in key order; the rest follow in the attributes.
  const active = new Uint8Array(subjects.length);
  for (const user of users) active[user] = 1;
  const userOrder: number[] = [];
  for (let s = 0; s < subjects.length; s += 1) if (active[s] === 1) userOrder.push(s);
  const userOf = new Int32Array(subjects.length).fill(-1);
  userOrder.forEach((s, u) => {
    userOf[s] = u;
  });

  const genreLinks = await db
    .selectFrom('item_genres')
    .select(['item_id', 'genre_id'])
    .orderBy('item_id')
    .orderBy('position')
    .execute();
  const genres = [...new Set(genreLinks.map((link) => link.genre_id))].sort();
  const genreIndex = new Map(genres.map((genre, index) => [genre, index]));
  const genresOf = new Map<string, number[]>();
  for (const link of genreLinks) {
    const list = genresOf.get(link.item_id) ?? [];
    list.push(genreIndex.get(link.genre_id) as number);
    genresOf.set(link.item_id, list);
  }

  const events: DatasetEvents = {
    userIds: userOrder.map((s) => subjects[s]?.id as string),
    itemIds,
    users: Int32Array.from(users, (s) => userOf[s] as number),
    items: Int32Array.from(itemsOf),
    times: Float64Array.from(times),
    itemGenres: itemIds.map((id) => Int32Array.from(genresOf.get(id) ?? [])),
    genres,
  };

  const creators = await db.selectFrom('creators').select(['id', 'underrepresented']).execute();
  const credits = await db.selectFrom('item_creators').select(['item_id', 'creator_id']).execute();
  const creditsOf = new Map<string, { externalId: string; role: string }[]>();
  for (const credit of credits) {
    const list = creditsOf.get(credit.item_id) ?? [];
    list.push({ externalId: credit.creator_id, role: 'creator' });
    creditsOf.set(credit.item_id, list);
  }
  return auditDatasetOf(
    events,
    {
      creators: creators.map((row) => ({
        externalId: row.id,
        underrepresented: row.underrepresented === null ? null : row.underrepresented === 1,
      })),
      items: itemIds.map((id) => ({ externalId: id, creators: creditsOf.get(id) ?? [] })),
      viewers: subjects.map((row) => {
        const consent = demographicsConsented.has(row.id);
        return {
          externalId: row.id,
          profileKind: row.profile_kind as ProfileKind,
          // Without consent, the age band is unknown to the audit like the other demographics.
          ageBand: (demographics.get(row.id)?.ageBand ?? 'unknown') as AgeBand,
          demographicsConsent: consent,
          gender: demographics.get(row.id)?.gender ?? null,
          occupation: demographics.get(row.id)?.occupation ?? null,
          displayName: null,
          email: null,
        };
      }),
    },
    { source: { path: 'store', format: store.dialect.name } },
  );
}
