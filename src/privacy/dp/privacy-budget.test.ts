import { afterAll, describe, expect, it } from 'vitest';
import { sqliteTestStore, storeFactories, type TestStore } from '../../../test/support/test-stores.js';
import { openStore } from '../../store/open-store.js';
import type { BudgetStore } from './budget-store.js';
import { KyselyBudgetStore } from './kysely-budget-store.js';
import { MemoryBudgetStore } from './memory-budget-store.js';
import { type BudgetLimits, PrivacyBudgetExceededError, PrivacyBudgetLedger } from './privacy-budget.js';

const limits: BudgetLimits = {
  default: { epsilon: 1, delta: 1e-5 },
  datasets: { 'views-small': { epsilon: 0.3, delta: 0 } },
};
const clock = () => new Date('2025-01-02T03:04:05.000Z');
const spend = (epsilon: number, delta = 0, analyst = 'alice', dataset = 'views') => ({
  dataset,
  analyst,
  epsilon,
  delta,
  query: `count, ε=${epsilon}`,
});

const disposers: TestStore[] = [];
afterAll(async () => {
  for (const store of disposers) await store.dispose();
});

const backends: [string, () => Promise<BudgetStore>][] = [
  ['memory', async () => new MemoryBudgetStore()],
  ...storeFactories.map(([name, factory]): [string, () => Promise<BudgetStore>] => [
    name,
    async () => {
      const testStore = await factory();
      disposers.push(testStore);
      return new KyselyBudgetStore(testStore.store);
    },
  ]),
];

describe.each(backends)('PrivacyBudgetLedger on the %s store', (_name, createStore) => {
  it('accepts spends up to the limit exactly, then refuses with what was asked, what remains and the limit', async () => {
    const store = await createStore();
    const ledger = new PrivacyBudgetLedger(store, limits, clock);
    for (let i = 0; i < 9; i += 1) await ledger.spend(spend(0.1));
    const last = await ledger.spend(spend(0.1));
    expect(last).toEqual({
      charged: { epsilon: 0.1, delta: 0 },
      remaining: { epsilon: 0, delta: 1e-5 },
      limit: { epsilon: 1, delta: 1e-5 },
    });

    const refused = await ledger.spend(spend(0.05)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PrivacyBudgetExceededError);
    const error = refused as PrivacyBudgetExceededError;
    expect(error.message).toBe(
      "privacy budget exceeded: analyst 'alice' asked for ε=0.05, δ=0 on dataset 'views' but only " +
        'ε=0, δ=0.00001 remains of the limit ε=1, δ=0.00001',
    );
    expect(error).toMatchObject({
      dataset: 'views',
      analyst: 'alice',
      remaining: { epsilon: 0, delta: 1e-5 },
    });
    expect(await store.spent('views', 'alice')).toEqual({ epsilon: 1, delta: 0, queries: 10 });
  });

  it('refuses when δ would run out even if ε remains, recording nothing', async () => {
    const store = await createStore();
    const ledger = new PrivacyBudgetLedger(store, limits, clock);
    await ledger.spend(spend(0.2, 6e-6));
    await expect(ledger.spend(spend(0.2, 6e-6))).rejects.toThrow(
      /asked for ε=0.2, δ=0.000006.*only ε=0.8, δ=0.000004 remains/,
    );
    expect(await ledger.remaining('views', 'alice')).toEqual({ epsilon: 0.8, delta: 4e-6 });
    expect((await store.spent('views', 'alice')).queries).toBe(1);
  });

  it('keeps analysts and datasets apart, with per-dataset limits', async () => {
    const store = await createStore();
    const ledger = new PrivacyBudgetLedger(store, limits, clock);
    await ledger.spend(spend(1));
    await expect(ledger.spend(spend(0.5))).rejects.toThrow(PrivacyBudgetExceededError);
    await ledger.spend(spend(0.5, 0, 'bob'));
    await ledger.spend(spend(0.5, 0, 'alice', 'ratings'));
    await ledger.spend(spend(0.3, 0, 'alice', 'views-small'));
    await expect(ledger.spend(spend(0.000001, 0, 'alice', 'views-small'))).rejects.toThrow(
      /limit ε=0.3, δ=0/,
    );
    expect(await ledger.remaining('views', 'bob')).toEqual({ epsilon: 0.5, delta: 1e-5 });
    expect(await ledger.remaining('ratings', 'alice')).toEqual({ epsilon: 0.5, delta: 1e-5 });
    expect(await ledger.remaining('views-small', 'carol')).toEqual({ epsilon: 0.3, delta: 0 });
    expect(ledger.limitFor('constructor')).toEqual({ epsilon: 1, delta: 1e-5 });
  });

  it('charges the request rounded down onto the grid', async () => {
    const ledger = new PrivacyBudgetLedger(await createStore(), limits, clock);
    expect((await ledger.spend(spend(0.1234567))).charged).toEqual({ epsilon: 0.123456, delta: 0 });
    await expect(ledger.spend(spend(1e-9))).rejects.toThrow(/must cost something/);
  });

  it('lets exactly as many concurrent spends through as fit', async () => {
    const ledger = new PrivacyBudgetLedger(await createStore(), limits, clock);
    const outcomes = await Promise.allSettled(Array.from({ length: 15 }, () => ledger.spend(spend(0.1))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    expect(await ledger.remaining('views', 'alice')).toEqual({ epsilon: 0, delta: 1e-5 });
  });
});

describe('KyselyBudgetStore', () => {
  it('stores each spend as a row of dp_budget_spend', async () => {
    const testStore = await sqliteTestStore();
    disposers.push(testStore);
    const ledger = new PrivacyBudgetLedger(new KyselyBudgetStore(testStore.store), limits, clock);
    await ledger.spend({ ...spend(0.25, 1e-6), query: 'viewers per genre, gaussian' });
    const rows = await testStore.store.db.selectFrom('dp_budget_spend').selectAll().execute();
    expect(rows).toEqual([
      {
        seq: 1,
        dataset: 'views',
        analyst: 'alice',
        epsilon: 0.25,
        delta: 1e-6,
        query: 'viewers per genre, gaussian',
        at: '2025-01-02T03:04:05.000Z',
      },
    ]);
  });

  it('does not overspend when two connections spend at once (SQLite)', async () => {
    const testStore = await sqliteTestStore();
    disposers.push(testStore);
    const other = await openStore({ dataDir: testStore.dataDir });
    try {
      const ledgers = [testStore.store, other].map(
        (s) => new PrivacyBudgetLedger(new KyselyBudgetStore(s), limits, clock),
      );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => (ledgers[i % 2] as PrivacyBudgetLedger).spend(spend(0.125))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(8);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(PrivacyBudgetExceededError);
      }
      const rows = await testStore.store.db.selectFrom('dp_budget_spend').select('epsilon').execute();
      expect(rows.reduce((sum, row) => sum + row.epsilon, 0)).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('budget limits', () => {
  it('refuses limits that are not privacy parameters', () => {
    const store = new MemoryBudgetStore();
    expect(() => new PrivacyBudgetLedger(store, { default: { epsilon: -1, delta: 0 } })).toThrow();
    expect(() => new PrivacyBudgetLedger(store, { default: { epsilon: 1, delta: 2 } })).toThrow();
  });

  it('rolls back a memory transaction whose work fails', async () => {
    const store = new MemoryBudgetStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.record({ dataset: 'd', analyst: 'a', epsilon: 1, delta: 0, query: 'q', at: 'now' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.all()).toEqual([]);
  });
});
