import type { ImportSource } from '../import/import-source.js';
import { validated } from '../import/record-validation.js';

/**
 * A dataset's interactions read straight from its files (no store), for offline evaluation and for
 * training from a folder: one entry per event, with dense user and item indices. Items are indexed in
 * natural order of their external ids (numeric ids numerically), so ties between equal scores break
 * the same way as in other tools.
 */
export interface DatasetEvents {
  userIds: string[];
  itemIds: string[];
  users: Int32Array;
  items: Int32Array;
  /** Event times in milliseconds since the epoch. */
  times: Float64Array;
  /**
   * Each event's rating for `rating` events, NaN for the other kinds (whose values are weights). Models
   * fit on presence alone; the red team's shilling detectors read ratings where a source has them.
   */
  ratings?: Float64Array;
  /** Genre indices of each item (into `genres`), empty when the source has none. */
  itemGenres: Int32Array[];
  genres: string[];
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;

export async function readDatasetEvents(source: ImportSource): Promise<DatasetEvents> {
  try {
    return await readAll(source);
  } finally {
    await source.close?.();
  }
}

async function readAll(source: ImportSource): Promise<DatasetEvents> {
  const itemGenreNames = new Map<string, string[]>();
  if (source.kinds.includes('items')) {
    for await (const located of source.records('items')) {
      const item = source.validated
        ? (located.value as { externalId: string; genres: string[] })
        : validated('items', located).value;
      itemGenreNames.set(item.externalId, item.genres);
    }
  }
  const userOf: string[] = [];
  const itemOf: string[] = [];
  const times: number[] = [];
  const ratings: number[] = [];
  for await (const located of source.records('interactions')) {
    const event = source.validated
      ? (located.value as {
          subjectExternalId: string;
          itemExternalId: string;
          occurredAt: string;
          kind: string;
          value: number | null;
        })
      : validated('interactions', located).value;
    userOf.push(event.subjectExternalId);
    itemOf.push(event.itemExternalId);
    times.push(Date.parse(event.occurredAt));
    ratings.push(event.kind === 'rating' && event.value !== null ? event.value : Number.NaN);
  }
  const userIds = [...new Set(userOf)].sort(naturalOrder);
  const itemIds = [...new Set([...itemGenreNames.keys(), ...itemOf])].sort(naturalOrder);
  const userIndex = new Map(userIds.map((id, index) => [id, index]));
  const itemIndex = new Map(itemIds.map((id, index) => [id, index]));
  const genres = [...new Set([...itemGenreNames.values()].flat())].sort();
  const genreIndex = new Map(genres.map((genre, index) => [genre, index]));
  return {
    userIds,
    itemIds,
    users: Int32Array.from(userOf, (id) => userIndex.get(id) as number),
    items: Int32Array.from(itemOf, (id) => itemIndex.get(id) as number),
    times: Float64Array.from(times),
    ratings: Float64Array.from(ratings),
    itemGenres: itemIds.map((id) =>
      Int32Array.from(itemGenreNames.get(id) ?? [], (g) => genreIndex.get(g) as number),
    ),
    genres,
  };
}
