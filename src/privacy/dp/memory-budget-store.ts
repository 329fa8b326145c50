import type { BudgetEntry, BudgetSpent, BudgetStore, BudgetStoreTransaction } from './budget-store.js';
import { totalOf } from './budget-store.js';

/** Spends in memory, for tests and single-process tools: lost on exit. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly entries: BudgetEntry[] = [];
  // Transactions run one after another; each starts when the previous one has settled.
  private queue: Promise<unknown> = Promise.resolve();

  async spent(dataset: string, analyst: string): Promise<BudgetSpent> {
    return totalOf(this.entries.filter((e) => e.dataset === dataset && e.analyst === analyst));
  }

  async record(entry: BudgetEntry): Promise<void> {
    this.entries.push({ ...entry });
  }

  /** Every entry, oldest first (a copy). */
  all(): BudgetEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  transaction<T>(work: (store: BudgetStoreTransaction) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const pending: BudgetEntry[] = [];
      const result = await work({
        spent: async (dataset, analyst) =>
          totalOf(
            [...this.entries, ...pending].filter((e) => e.dataset === dataset && e.analyst === analyst),
          ),
        record: async (entry) => {
          pending.push({ ...entry });
        },
      });
      this.entries.push(...pending);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
