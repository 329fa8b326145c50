import { createHash } from 'node:crypto';
import type { LoadedModel } from '../models/load-model.js';
import type { Repositories } from '../store/repositories/index.js';

/** The model id decisions name when the popularity ordering, not a trained model, placed the items. */
export const POPULARITY_MODEL_ID = 'popularity:catalog';

/** Audience level of a model column that is not in the store: above every profile's limit. */
export const UNAVAILABLE_LEVEL = 255;

export interface ServingCatalogRows {
  items: readonly {
    key: number;
    id: string;
    externalId: string;
    title: string;
    audienceLevel: number;
    /** The rating shown to viewers (PG-13, TV-Y7...); empty when the source has none. */
    maturityRating?: string;
  }[];
  /** Item-genre links, each item's genres in their listed order. */
  genres: readonly { itemId: string; genreId: string }[];
  /** Distinct viewers per item key; items without events may be absent. */
  viewers: readonly { itemKey: number; viewers: number }[];
  /** Ids of items with an under-represented creator (fair exposure's protected group); none when absent. */
  underrepresentedItemIds?: readonly string[];
}

let builds = 0;

/**
 * What serving needs to know about the catalog, read once per loaded model, so that answering a request
 * reads no catalog rows. Columns 0 .. scoredColumns - 1 are the model's columns in its order; items the
 * model has not seen (added since it was trained) follow, so the popularity ordering and the seen filter
 * still know them. A model column whose item is not in the store is unavailable: never a candidate.
 *
 * Read-only after construction. Build a new one when the model changes or the catalog is re-imported; a
 * request must use the catalog and model of one snapshot (`modelId` says which model it was built for).
 */
export class ServingCatalog {
  /** Distinguishes builds, so a viewer context read against one cannot be used with another. */
  readonly serial = (builds += 1);
  /** The model this index was built for, or null when there is none (popularity only). */
  readonly modelId: string | null;
  readonly size: number;
  /** Columns the model scores: its item count, 0 without a model. */
  readonly scoredColumns: number;
  /** Candor item id per column ('' when unavailable). */
  readonly itemIds: readonly string[];
  readonly titles: readonly string[];
  readonly maturityRatings: readonly string[];
  readonly audienceLevels: Uint8Array;
  readonly genres: readonly (readonly string[])[];
  /** Genre ids in sorted order: `genreIndices` index into it. */
  readonly genreIds: readonly string[];
  /** Each column's genres as indices into `genreIds`, in the item's listed order (for the rerankers). */
  readonly genreIndices: readonly (readonly number[])[];
  /** 1 for columns whose item has an under-represented creator, else 0. */
  readonly underrepresented: Uint8Array;
  /** Distinct viewers per column, independent of any model or viewer. */
  readonly viewers: Float64Array;
  /** Available columns, most viewers first (ties: lower column first). */
  readonly popularityOrder: Int32Array;
  /** Model columns whose items are not in the store, ascending. */
  readonly unavailableColumns: Int32Array;
  /** sha256 of the popularity counts (item id, viewers) in key order: the non-profiling feed's lineage. */
  readonly popularitySnapshot: string;
  private readonly byKey: Map<number, number>;
  private readonly byId: Map<string, number>;

  private constructor(rows: ServingCatalogRows, model: LoadedModel | undefined) {
    this.modelId = model?.manifest.id ?? null;
    const modelIds = model?.itemIds ?? [];
    this.scoredColumns = modelIds.length;
    const byModelId = new Map(modelIds.map((id, column) => [id, column]));
    const external = model?.manifest.data.itemIdSpace === 'external';
    const items = [...rows.items].sort((a, b) => a.key - b.key);

    // Model columns first, then the store's other items in key order.
    const columnOfRow = new Int32Array(items.length);
    let next = this.scoredColumns;
    for (const [at, item] of items.entries()) {
      columnOfRow[at] = byModelId.get(external ? item.externalId : item.id) ?? next++;
    }
    this.size = next;
    const itemIds = new Array<string>(next).fill('');
    const titles = new Array<string>(next).fill('');
    const maturityRatings = new Array<string>(next).fill('');
    this.audienceLevels = new Uint8Array(next).fill(UNAVAILABLE_LEVEL);
    this.byKey = new Map();
    this.byId = new Map();
    for (const [at, item] of items.entries()) {
      const column = columnOfRow[at] as number;
      if (itemIds[column] !== '') continue; // two items with one external id: the first keeps it
      itemIds[column] = item.id;
      titles[column] = item.title;
      maturityRatings[column] = item.maturityRating ?? '';
      this.audienceLevels[column] = Math.min(item.audienceLevel, UNAVAILABLE_LEVEL - 1);
      this.byKey.set(item.key, column);
      this.byId.set(item.id, column);
    }
    this.itemIds = itemIds;
    this.titles = titles;
    this.maturityRatings = maturityRatings;
    const unavailable: number[] = [];
    for (let column = 0; column < this.scoredColumns; column += 1)
      if (itemIds[column] === '') unavailable.push(column);
    this.unavailableColumns = Int32Array.from(unavailable);

    const genres: string[][] = Array.from({ length: next }, () => []);
    for (const link of rows.genres) {
      const column = this.byId.get(link.itemId);
      if (column !== undefined) genres[column]?.push(link.genreId);
    }
    this.genres = genres;
    this.genreIds = [...new Set(rows.genres.map((link) => link.genreId))].sort();
    const genreIndex = new Map(this.genreIds.map((id, index) => [id, index]));
    this.genreIndices = genres.map((ids) => ids.map((id) => genreIndex.get(id) as number));
    this.underrepresented = new Uint8Array(next);
    for (const itemId of rows.underrepresentedItemIds ?? []) {
      const column = this.byId.get(itemId);
      if (column !== undefined) this.underrepresented[column] = 1;
    }

    this.viewers = new Float64Array(next);
    for (const row of rows.viewers) {
      const column = this.byKey.get(row.itemKey);
      if (column !== undefined) this.viewers[column] = row.viewers;
    }
    const order = [...this.byId.values()].sort(
      (a, b) => (this.viewers[b] as number) - (this.viewers[a] as number) || a - b,
    );
    this.popularityOrder = Int32Array.from(order);
    const hash = createHash('sha256');
    for (const item of items) {
      const column = this.byKey.get(item.key);
      if (column !== undefined) hash.update(`${item.id}\t${this.viewers[column]}\n`);
    }
    this.popularitySnapshot = hash.digest('hex');
  }

  /** Builds the index from rows already read (tests, benchmarks, or a caller with its own queries). */
  static fromRows(rows: ServingCatalogRows, model: LoadedModel | undefined): ServingCatalog {
    if (model && model.scorer.nItems !== model.itemIds.length) {
      throw new Error(
        `model ${model.manifest.id} scores ${model.scorer.nItems} items but lists ${model.itemIds.length}`,
      );
    }
    return new ServingCatalog(rows, model);
  }

  /** The column of an item by its internal key, when it is in the catalog. */
  columnOfKey(key: number): number | undefined {
    return this.byKey.get(key);
  }

  /** The column of an item by its public id, when it is in the catalog. */
  columnOfId(id: string): number | undefined {
    return this.byId.get(id);
  }
}

/**
 * Reads the catalog index for a model: items, genre links, popularity counts and the under-represented
 * creators' items, four whole-table queries, whatever the catalog's size.
 */
export async function buildServingCatalog(
  repos: Pick<Repositories, 'catalog' | 'interactions'>,
  model: LoadedModel | undefined,
): Promise<ServingCatalog> {
  // One after another: the repositories may share one connection (a transaction).
  const items = await repos.catalog.servingItems();
  const genres = await repos.catalog.genreLinks();
  const viewers = await repos.interactions.viewersPerItem();
  const underrepresentedItemIds = await repos.catalog.underrepresentedItemIds();
  return ServingCatalog.fromRows(
    {
      items: items.map((row) => ({
        key: Number(row.key),
        id: row.id,
        externalId: row.external_id,
        title: row.title,
        audienceLevel: row.audience_level,
        maturityRating: row.maturity_rating,
      })),
      genres: genres.map((row) => ({ itemId: row.item_id, genreId: row.genre_id })),
      viewers,
      underrepresentedItemIds,
    },
    model,
  );
}
