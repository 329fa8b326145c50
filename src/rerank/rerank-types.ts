/**
 * The shared vocabulary of the rerankers. A reranker is a pure function over a candidate pool: it reads
 * only what is given here (no database, no clock, no randomness unless seeded by the caller), chooses
 * and orders `k` of the candidates, and says what it did. The serving pipeline wraps each one as a stage;
 * the offline fairness benchmark calls them directly on evaluation lists.
 */

/** A candidate pool in relevance order (best first). `items` are catalog columns; `relevance` aligns. */
export interface RerankPool {
  readonly items: readonly number[];
  /** Model scores (or any relevance: higher is better); same length as `items`. */
  readonly relevance: readonly number[];
}

/** Catalog facts per column that rerankers may use; all arrays are indexed by column. */
export interface ItemFeatures {
  /** Genre indices of each column (0 .. genreCount-1), in the item's listed order. */
  readonly genres: readonly (readonly number[])[];
  readonly genreCount: number;
  /** Popularity of each column (distinct viewers, or any non-negative count). */
  readonly popularity: ArrayLike<number>;
  /** 1 when an item belongs to an under-represented creator group, else 0. */
  readonly underrepresented: ArrayLike<number>;
}

/** What a reranker did: the chosen list, and which of its items it moved in from lower down. */
export interface RerankResult {
  /** The chosen columns, best first (length min(k, pool size)). */
  readonly items: number[];
  /**
   * Items on the list that the relevance order alone would not have put there (their pool rank was
   * >= k): each is a "diversity pick", "boosted for fair exposure", ... in explanations.
   */
  readonly promoted: number[];
  /** The reranker's own figures for the decision record (objective values, constraint counts, ...). */
  readonly detail: Readonly<Record<string, number | boolean | string | null>>;
}

/** The viewer's history as catalog columns; `weights` (ratings, recency, ...) default to 1 each. */
export interface ViewerHistory {
  readonly items: readonly number[];
  readonly weights?: readonly number[];
}
