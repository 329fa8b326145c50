import { type Insertable, type Kysely, sql } from 'kysely';
import type { CreatorRecord, GenreRecord, ItemRecord } from '../../catalog/catalog-records.js';
import { audienceLevel } from '../../catalog/maturity.js';
import type { StoreDialect } from '../dialects/store-dialect.js';
import { type Clock, newId, systemClock } from '../ids.js';
import type { Database, ItemCreatorsTable, ItemGenresTable, ItemRow, NewItemRow } from '../schema.js';
import { chunks, rowsPerStatement } from './chunk.js';
import { idsByExternalId } from './external-ids.js';
import { UnknownReferenceError } from './unknown-reference-error.js';

export interface ItemDetails extends ItemRow {
  genres: string[];
  creators: {
    id: string;
    externalId: string;
    name: string;
    role: string;
    underrepresented: boolean | null;
  }[];
}

export interface ItemPage {
  items: ItemRow[];
  total: number;
}

/** Items, genres and creators. Writes insert new rows only; existing external ids are left as they are. */
export class CatalogRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: StoreDialect,
    private readonly clock: Clock = systemClock,
  ) {}

  async insertGenres(records: readonly GenreRecord[]): Promise<number> {
    if (records.length === 0) return 0;
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    const existing = await this.db
      .selectFrom('genres')
      .select('id')
      .where(
        'id',
        'in',
        unique.map((r) => r.id),
      )
      .execute();
    const known = new Set(existing.map((row) => row.id));
    const createdAt = this.clock().toISOString();
    const rows = unique
      .filter((r) => !known.has(r.id))
      .map((r) => ({ id: r.id, name: r.name, created_at: createdAt }));
    for (const chunk of chunks(rows, rowsPerStatement(this.dialect, 3))) {
      await this.db.insertInto('genres').values(chunk).execute();
    }
    return rows.length;
  }

  async insertCreators(records: readonly CreatorRecord[]): Promise<number> {
    const fresh = await this.onlyNew('creators', records);
    const createdAt = this.clock().toISOString();
    const rows = fresh.map((r) => ({
      id: newId(),
      external_id: r.externalId,
      name: r.name,
      underrepresented: r.underrepresented === null ? null : Number(r.underrepresented),
      region: r.region,
      created_at: createdAt,
    }));
    for (const chunk of chunks(rows, rowsPerStatement(this.dialect, 6))) {
      await this.db.insertInto('creators').values(chunk).execute();
    }
    return rows.length;
  }

  /**
   * Inserts items with their genre and creator links. Genres, creators and (for episodes) the parent
   * series must exist already or come earlier in the same call; a missing one throws naming it.
   */
  async insertItems(records: readonly ItemRecord[]): Promise<number> {
    const fresh = await this.onlyNew('items', records);
    if (fresh.length === 0) return 0;
    const creatorIds = await idsByExternalId(
      this.db,
      'creators',
      fresh.flatMap((r) => r.creators.map((c) => c.externalId)),
    );
    const parentIds = await idsByExternalId(
      this.db,
      'items',
      fresh.flatMap((r) => (r.parentExternalId ? [r.parentExternalId] : [])),
    );
    const genreIds = new Set(
      (await this.db.selectFrom('genres').select('id').execute()).map((row) => row.id),
    );
    const createdAt = this.clock().toISOString();
    const items: NewItemRow[] = [];
    const itemGenres: Insertable<ItemGenresTable>[] = [];
    const itemCreators: Insertable<ItemCreatorsTable>[] = [];
    // Ids first, so an episode may come before its series in the same batch.
    const freshIds = fresh.map((r) => {
      const id = newId();
      parentIds.set(r.externalId, id);
      return id;
    });
    for (const [index, r] of fresh.entries()) {
      const id = freshIds[index] as string;
      let parentId: string | null = null;
      if (r.parentExternalId !== null) {
        parentId = parentIds.get(r.parentExternalId) ?? null;
        if (parentId === null)
          throw new UnknownReferenceError(
            r.externalId,
            'parentExternalId',
            r.parentExternalId,
            'parent series',
          );
      }
      items.push({
        id,
        external_id: r.externalId,
        title: r.title,
        kind: r.kind,
        year: r.year,
        language: r.language,
        maturity_system: r.maturity.system,
        maturity_rating: r.maturity.rating,
        audience_level: audienceLevel(r.maturity),
        synopsis: r.synopsis,
        duration_minutes: r.durationMinutes,
        parent_id: parentId,
        season: r.season,
        episode: r.episode,
        created_at: createdAt,
      });
      r.genres.forEach((genre, position) => {
        if (!genreIds.has(genre)) throw new UnknownReferenceError(r.externalId, 'genres', genre, 'genre');
        itemGenres.push({ item_id: id, genre_id: genre, position });
      });
      for (const creator of r.creators) {
        const creatorId = creatorIds.get(creator.externalId);
        if (!creatorId) {
          throw new UnknownReferenceError(r.externalId, 'creators', creator.externalId, 'creator');
        }
        itemCreators.push({ item_id: id, creator_id: creatorId, role: creator.role });
      }
    }
    // Series before their episodes, so the parent reference holds at every insert.
    items.sort((a, b) => Number(a.parent_id !== null) - Number(b.parent_id !== null));
    for (const chunk of chunks(items, rowsPerStatement(this.dialect, 15))) {
      await this.db.insertInto('items').values(chunk).execute();
    }
    for (const chunk of chunks(
      dedupe(itemGenres, (g) => `${g.item_id}|${g.genre_id}`),
      rowsPerStatement(this.dialect, 3),
    )) {
      await this.db.insertInto('item_genres').values(chunk).execute();
    }
    const uniqueCreators = dedupe(itemCreators, (c) => `${c.item_id}|${c.creator_id}|${c.role}`);
    for (const chunk of chunks(uniqueCreators, rowsPerStatement(this.dialect, 3))) {
      await this.db.insertInto('item_creators').values(chunk).execute();
    }
    return items.length;
  }

  async getItem(id: string): Promise<ItemDetails | undefined> {
    const item = await this.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!item) return undefined;
    const genres = await this.db
      .selectFrom('item_genres')
      .select('genre_id')
      .where('item_id', '=', id)
      .orderBy('position')
      .execute();
    const creators = await this.db
      .selectFrom('item_creators')
      .innerJoin('creators', 'creators.id', 'item_creators.creator_id')
      .select([
        'creators.id',
        'creators.external_id',
        'creators.name',
        'item_creators.role',
        'creators.underrepresented',
      ])
      .where('item_creators.item_id', '=', id)
      .orderBy('creators.name')
      .execute();
    return {
      ...item,
      genres: genres.map((g) => g.genre_id),
      creators: creators.map((c) => ({
        id: c.id,
        externalId: c.external_id,
        name: c.name,
        role: c.role,
        underrepresented: c.underrepresented === null ? null : c.underrepresented === 1,
      })),
    };
  }

  async getItemIdByExternalId(externalId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('items')
      .select('id')
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row?.id;
  }

  /** Browse: optional genre and case-insensitive title search, ordered by title. */
  async listItems(
    options: {
      genre?: string;
      query?: string;
      page?: number;
      pageSize?: number;
      maxAudienceLevel?: number;
    } = {},
  ): Promise<ItemPage> {
    const pageSize = options.pageSize ?? 20;
    const page = options.page ?? 1;
    let query = this.db.selectFrom('items');
    if (options.maxAudienceLevel !== undefined)
      query = query.where('audience_level', '<=', options.maxAudienceLevel);
    if (options.genre) {
      const genre = options.genre;
      query = query.where('id', 'in', (qb) =>
        qb.selectFrom('item_genres').select('item_id').where('genre_id', '=', genre),
      );
    }
    if (options.query) {
      const pattern = `%${options.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
    }
    const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const items = await query
      .selectAll()
      .orderBy('title')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items, total };
  }

  /** Every item's serving fields in key order, for the serving pipeline's in-memory catalog index. */
  async servingItems(): Promise<
    Pick<ItemRow, 'key' | 'id' | 'external_id' | 'title' | 'audience_level' | 'maturity_rating'>[]
  > {
    return this.db
      .selectFrom('items')
      .select(['key', 'id', 'external_id', 'title', 'audience_level', 'maturity_rating'])
      .orderBy('key')
      .execute();
  }

  /** Every item-genre link, each item's genres in their listed order. */
  async genreLinks(): Promise<{ item_id: string; genre_id: string }[]> {
    return this.db
      .selectFrom('item_genres')
      .select(['item_id', 'genre_id'])
      .orderBy('item_id')
      .orderBy('position')
      .execute();
  }

  /**
   * Items with at least one creator in the under-represented group: the group fair exposure protects.
   * A creator whose membership is unknown (null) does not count.
   */
  async underrepresentedItemIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('item_creators')
      .innerJoin('creators', 'creators.id', 'item_creators.creator_id')
      .where('creators.underrepresented', '=', 1)
      .select('item_creators.item_id')
      .distinct()
      .orderBy('item_creators.item_id')
      .execute();
    return rows.map((row) => row.item_id);
  }

  async counts(): Promise<{ items: number; creators: number; genres: number }> {
    const count = async (table: 'items' | 'creators' | 'genres') =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { items: await count('items'), creators: await count('creators'), genres: await count('genres') };
  }

  private async onlyNew<T extends { externalId: string }>(
    table: 'items' | 'creators',
    records: readonly T[],
  ): Promise<T[]> {
    const unique = [...new Map(records.map((r) => [r.externalId, r])).values()];
    const existing = await idsByExternalId(
      this.db,
      table,
      unique.map((r) => r.externalId),
    );
    return unique.filter((r) => !existing.has(r.externalId));
  }
}

function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
