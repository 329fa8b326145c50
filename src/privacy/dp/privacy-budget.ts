import { z } from 'zod';
import { type Clock, systemClock } from '../../store/ids.js';
import type { BudgetStore } from './budget-store.js';
import { fromGrid, type GridCost, type PrivacyCost, toGrid } from './privacy-grid.js';

const privacyLimitSchema = z.strictObject({
  epsilon: z.number().positive().max(1e9).describe('total ε an analyst may spend on the dataset'),
  delta: z.number().min(0).max(1).describe('total δ an analyst may spend on the dataset (0: Laplace only)'),
});

export const budgetLimitsSchema = z.strictObject({
  default: privacyLimitSchema.describe('the limit for every dataset not listed below'),
  datasets: z
    .record(z.string(), privacyLimitSchema)
    .default({})
    .describe('limits for particular datasets, replacing the default'),
});
export type BudgetLimits = z.input<typeof budgetLimitsSchema>;

export interface BudgetRequest {
  dataset: string;
  analyst: string;
  epsilon: number;
  delta: number;
  /** What the spend is for (e.g. "viewers per genre, laplace"), kept with the spend. */
  query: string;
}

export interface BudgetReceipt {
  /** What was charged: the request rounded down onto the privacy grid. */
  charged: PrivacyCost;
  remaining: PrivacyCost;
  limit: PrivacyCost;
}

const describeCost = (cost: PrivacyCost): string => `ε=${cost.epsilon}, δ=${cost.delta}`;

/** A spend the analyst's remaining budget on the dataset cannot cover. Nothing was recorded. */
export class PrivacyBudgetExceededError extends Error {
  constructor(
    readonly dataset: string,
    readonly analyst: string,
    readonly requested: PrivacyCost,
    readonly remaining: PrivacyCost,
    readonly limit: PrivacyCost,
  ) {
    super(
      `privacy budget exceeded: analyst '${analyst}' asked for ${describeCost(requested)} on dataset ` +
        `'${dataset}' but only ${describeCost(remaining)} remains of the limit ${describeCost(limit)}`,
    );
    this.name = 'PrivacyBudgetExceededError';
  }
}

const subtract = (a: GridCost, b: GridCost): GridCost => ({
  epsilonUnits: a.epsilonUnits > b.epsilonUnits ? a.epsilonUnits - b.epsilonUnits : 0n,
  deltaUnits: a.deltaUnits > b.deltaUnits ? a.deltaUnits - b.deltaUnits : 0n,
});

/**
 * The privacy budget per (dataset, analyst). Composition is basic sequential composition: k releases
 * that are (εᵢ, δᵢ)-DP are together (Σεᵢ, Σδᵢ)-DP, whatever order they ran in and even when each query was
 * chosen after seeing earlier answers. It is loose for many Gaussian queries (zCDP would add ρ's), but it
 * holds for any mix of mechanisms and is easy to state to an analyst.
 *
 * Limits bind each analyst separately: analysts who pool their answers together spend the sum of their
 * budgets. Spend *before* computing a release, and compute nothing if the spend is refused.
 */
export class PrivacyBudgetLedger {
  private readonly limits: z.infer<typeof budgetLimitsSchema>;

  constructor(
    private readonly store: BudgetStore,
    limits: BudgetLimits,
    private readonly clock: Clock = systemClock,
  ) {
    this.limits = budgetLimitsSchema.parse(limits);
  }

  /** The limit that applies to the dataset, on the grid (rounded down). */
  limitFor(dataset: string): PrivacyCost {
    return fromGrid(this.gridLimit(dataset));
  }

  async remaining(dataset: string, analyst: string): Promise<PrivacyCost> {
    const spent = toGrid(await this.store.spent(dataset, analyst));
    return fromGrid(subtract(this.gridLimit(dataset), spent));
  }

  /**
   * Records the spend if it fits in what remains, atomically with the check; otherwise throws
   * `PrivacyBudgetExceededError` and records nothing. Both ε and δ must fit.
   */
  async spend(request: BudgetRequest): Promise<BudgetReceipt> {
    const { dataset, analyst, query } = request;
    if (!dataset || !analyst)
      throw new Error(`a spend needs a dataset and an analyst, got '${dataset}', '${analyst}'`);
    const asked = toGrid(request);
    if (asked.epsilonUnits === 0n && asked.deltaUnits === 0n) {
      throw new Error(`a spend must cost something, got ε=${request.epsilon}, δ=${request.delta}`);
    }
    const limit = this.gridLimit(dataset);
    return this.store.transaction(async (store) => {
      const left = subtract(limit, toGrid(await store.spent(dataset, analyst)));
      if (asked.epsilonUnits > left.epsilonUnits || asked.deltaUnits > left.deltaUnits) {
        throw new PrivacyBudgetExceededError(
          dataset,
          analyst,
          fromGrid(asked),
          fromGrid(left),
          fromGrid(limit),
        );
      }
      const charged = fromGrid(asked);
      await store.record({ dataset, analyst, ...charged, query, at: this.clock().toISOString() });
      return { charged, remaining: fromGrid(subtract(left, asked)), limit: fromGrid(limit) };
    });
  }

  private gridLimit(dataset: string): GridCost {
    // Own keys only: a dataset named "constructor" must not find Object.prototype's.
    const own = Object.hasOwn(this.limits.datasets, dataset) ? this.limits.datasets[dataset] : undefined;
    return toGrid(own ?? this.limits.default);
  }
}
