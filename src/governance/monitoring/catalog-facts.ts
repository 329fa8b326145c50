import type { Kysely } from 'kysely';
import { type CreatorGroup, creatorGroupOfFlags } from '../../evaluate/audit/audit-dataset.js';
import type { Database } from '../../store/schema.js';

/** What drift needs to know of the catalog: each item's genres and creator group, by key and by id. */
export interface CatalogFacts {
  /** Every item's internal key, in key order (the index popularity arrays use). */
  itemKeys: number[];
  keyOfId: Map<string, number>;
  genresOfKey: Map<number, readonly string[]>;
  genreLabels: Map<string, string>;
  creatorGroupOfKey: Map<number, CreatorGroup>;
}

export async function readCatalogFacts(db: Kysely<Database>): Promise<CatalogFacts> {
  const items = await db.selectFrom('items').select(['key', 'id']).orderBy('key').execute();
  const keyOfId = new Map(items.map((item) => [item.id, Number(item.key)]));

  const genres = await db.selectFrom('genres').select(['id', 'name']).execute();
  const links = await db
    .selectFrom('item_genres')
    .select(['item_id', 'genre_id'])
    .orderBy('item_id')
    .orderBy('position')
    .execute();
  const genresOfKey = new Map<number, string[]>();
  for (const link of links) {
    const key = keyOfId.get(link.item_id);
    if (key === undefined) continue;
    const list = genresOfKey.get(key) ?? [];
    list.push(link.genre_id);
    genresOfKey.set(key, list);
  }

  // The exposure audit's rule (creatorGroupOfFlags), so monitoring and audits count the same groups.
  const creators = await db.selectFrom('creators').select(['id', 'underrepresented']).execute();
  const declared = new Map(
    creators.map((c) => [c.id, c.underrepresented === null ? null : c.underrepresented === 1]),
  );
  const credits = await db.selectFrom('item_creators').select(['item_id', 'creator_id']).execute();
  const flagsOf = new Map<number, (boolean | null)[]>();
  for (const credit of credits) {
    const key = keyOfId.get(credit.item_id);
    if (key === undefined) continue;
    const flags = flagsOf.get(key) ?? [];
    flags.push(declared.get(credit.creator_id) ?? null);
    flagsOf.set(key, flags);
  }
  const creatorGroupOfKey = new Map<number, CreatorGroup>();
  for (const { key } of items) creatorGroupOfKey.set(key, creatorGroupOfFlags(flagsOf.get(key) ?? []));

  return {
    itemKeys: items.map((item) => Number(item.key)),
    keyOfId,
    genresOfKey,
    genreLabels: new Map(genres.map((g) => [g.id, g.name])),
    creatorGroupOfKey,
  };
}
