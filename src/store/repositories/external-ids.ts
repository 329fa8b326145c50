import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

const LOOKUP_CHUNK = 500;

/** Maps external ids to Candor ids for the rows that exist; unknown ids are absent from the map. */
export async function idsByExternalId(
  db: Kysely<Database>,
  table: 'items' | 'creators' | 'subjects',
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const unique = [...new Set(externalIds)];
  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'external_id'])
      .where('external_id', 'in', unique.slice(start, start + LOOKUP_CHUNK))
      .execute();
    for (const row of rows) map.set(row.external_id, row.id);
  }
  return map;
}

/** External id to internal key for a whole table, for bulk work such as imports. */
export async function allKeysByExternalId(
  db: Kysely<Database>,
  table: 'items' | 'subjects',
): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table).select(['key', 'external_id']).execute();
  return new Map(rows.map((row) => [row.external_id, row.key]));
}
