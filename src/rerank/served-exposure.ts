import type { ExposureTally } from './exposure-rotation.js';

/** Lists after which a served list counts half as much as a new one. */
export const DEFAULT_HALF_LIFE_LISTS = 10_000;
// The weight of a new list grows instead of every count shrinking (one multiply per list, not one per
// column); counts are rescaled before the weights leave the range where doubles add exactly enough.
const RESCALE_AT = 1e100;

/**
 * How often each catalog column was shown in the lists this server process served with exposure
 * rotation, decayed so that a list `halfLifeLists` ago counts half: what the rotation reranker reads as
 * "shown so far". Counts and the number of lists share one scale, which the rotation's freshness
 * e / (e + shown), e = lists * k / columns, does not depend on. Aggregate counts only: nothing in it
 * is about a viewer. Each server process keeps its own (as the fair-exposure ledger).
 */
export class ServedExposure implements ExposureTally {
  readonly shown: Float64Array;
  private weightedLists = 0;
  private weight = 1;
  private readonly growth: number;

  constructor(
    readonly columns: number,
    readonly halfLifeLists = DEFAULT_HALF_LIFE_LISTS,
  ) {
    if (!(Number.isInteger(columns) && columns >= 0))
      throw new Error(`columns must be a non-negative integer, got ${columns}`);
    if (!(Number.isFinite(halfLifeLists) && halfLifeLists >= 1))
      throw new Error(`halfLifeLists must be at least 1, got ${halfLifeLists}`);
    this.shown = new Float64Array(columns);
    this.growth = 2 ** (1 / halfLifeLists);
  }

  get lists(): number {
    return this.weightedLists;
  }

  /** Counts one served list. */
  record(columns: readonly number[]): void {
    for (const column of columns) {
      if (!(Number.isInteger(column) && column >= 0 && column < this.columns))
        throw new Error(`column ${column} is not a column of the catalog (${this.columns})`);
    }
    this.weight *= this.growth;
    if (this.weight > RESCALE_AT) this.rescale();
    for (const column of columns) this.shown[column] = (this.shown[column] as number) + this.weight;
    this.weightedLists += this.weight;
  }

  private rescale(): void {
    const by = 1 / this.weight;
    for (let column = 0; column < this.columns; column += 1)
      this.shown[column] = (this.shown[column] as number) * by;
    this.weightedLists *= by;
    this.weight = 1;
  }
}

/**
 * One tally per catalog (the serving catalog object is the key): a new catalog, from a new model or
 * catalog build, starts from nothing, since its columns may mean other items.
 */
export class ServedExposureTallies {
  private readonly tallies = new WeakMap<object, ServedExposure>();

  for(catalog: object, columns: number, halfLifeLists = DEFAULT_HALF_LIFE_LISTS): ServedExposure {
    let tally = this.tallies.get(catalog);
    if (!tally || tally.columns !== columns || tally.halfLifeLists !== halfLifeLists) {
      tally = new ServedExposure(columns, halfLifeLists);
      this.tallies.set(catalog, tally);
    }
    return tally;
  }
}
