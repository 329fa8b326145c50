import type { Kysely } from 'kysely';
import type { Store } from '../../store/open-store.js';
import type { Database } from '../../store/schema.js';
import type { BudgetEntry, BudgetSpent, BudgetStore, BudgetStoreTransaction } from './budget-store.js';
import { totalOf } from './budget-store.js';

const TABLE = 'dp_budget_spend';
/** How long a spend waits for other writers of the ledger before giving up. */
const LOCK_WAIT_LIMIT_MS = 5000;
const LOCKED = Symbol('dp_budget_spend locked');

async function spentIn(db: Kysely<Database>, dataset: string, analyst: string): Promise<BudgetSpent> {
  const rows = await db
    .selectFrom(TABLE)
    .select(['epsilon', 'delta'])
    .where('dataset', '=', dataset)
    .where('analyst', '=', analyst)
    .execute();
  // Summed here, on the grid, rather than with SQL sum(): a floating-point sum could drift past a limit.
  return totalOf(rows);
}

async function recordIn(db: Kysely<Database>, entry: BudgetEntry): Promise<void> {
  await db.insertInto(TABLE).values(entry).execute();
}

/** Spends in the `dp_budget_spend` table, on SQLite or PostgreSQL. */
export class KyselyBudgetStore implements BudgetStore {
  constructor(private readonly store: Pick<Store, 'db' | 'dialect'>) {}

  spent(dataset: string, analyst: string): Promise<BudgetSpent> {
    return spentIn(this.store.db, dataset, analyst);
  }

  record(entry: BudgetEntry): Promise<void> {
    return recordIn(this.store.db, entry);
  }

  /**
   * One transaction that first takes the table's append lock. Reading the spent total and inserting after
   * it is a read-then-write: `lockForWrite` would serialize it on SQLite, but PostgreSQL's READ COMMITTED
   * lets two such transactions both read the old total and both insert (write skew), overspending the
   * budget. `tryLockForAppend` excludes other writers of the table on both engines; it never waits (a
   * synchronous wait in SQLite would stall the process), so this retries briefly, as the audit log does.
   */
  async transaction<T>(work: (store: BudgetStoreTransaction) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.store.db.transaction().execute(async (trx) => {
          if (!(await this.store.dialect.tryLockForAppend<Database>(trx, TABLE))) throw LOCKED;
          return work({
            spent: (dataset, analyst) => spentIn(trx, dataset, analyst),
            record: (entry) => recordIn(trx, entry),
          });
        });
      } catch (error) {
        if (error !== LOCKED) throw error;
      }
      if (Date.now() - started >= LOCK_WAIT_LIMIT_MS) {
        throw new Error(
          `the privacy budget ledger stayed locked by another writer for ${LOCK_WAIT_LIMIT_MS} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1 + attempt, 10)));
    }
  }
}
