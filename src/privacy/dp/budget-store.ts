import { fromGrid, type PrivacyCost, toGrid } from './privacy-grid.js';

/** One query's spend, as the ledger records it. */
export interface BudgetEntry {
  dataset: string;
  analyst: string;
  /** On the privacy grid (see privacy-grid.ts). */
  epsilon: number;
  delta: number;
  /** What was asked, for the analyst's statement and for audits. */
  query: string;
  /** ISO 8601. */
  at: string;
}

export interface BudgetSpent extends PrivacyCost {
  queries: number;
}

/** What may run inside `BudgetStore.transaction`. */
export interface BudgetStoreTransaction {
  spent(dataset: string, analyst: string): Promise<BudgetSpent>;
  record(entry: BudgetEntry): Promise<void>;
}

/**
 * Where spends are kept. `transaction` runs its work so that no other spend on the same store (in this
 * process or, for a database, any other) reads or records in between, and keeps what it recorded only if
 * the work succeeds: the ledger's check and record are one step.
 */
export interface BudgetStore extends BudgetStoreTransaction {
  transaction<T>(work: (store: BudgetStoreTransaction) => Promise<T>): Promise<T>;
}

/** Totals of recorded spends, added on the grid so that the sum is exact. */
export function totalOf(entries: Iterable<PrivacyCost>): BudgetSpent {
  let epsilonUnits = 0n;
  let deltaUnits = 0n;
  let queries = 0;
  for (const entry of entries) {
    const grid = toGrid(entry);
    epsilonUnits += grid.epsilonUnits;
    deltaUnits += grid.deltaUnits;
    queries += 1;
  }
  return { ...fromGrid({ epsilonUnits, deltaUnits }), queries };
}
