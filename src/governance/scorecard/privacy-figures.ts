import type { Kysely } from 'kysely';
import { ConsentRepository } from '../../privacy/consent/consent-repository.js';
import type { ConsentPurpose } from '../../privacy/consent/purposes.js';
import { totalOf } from '../../privacy/dp/budget-store.js';
import { type BudgetLimits, budgetLimitsSchema } from '../../privacy/dp/privacy-budget.js';
import type { Database } from '../../store/schema.js';
import type { ScorecardData } from './scorecard-data.js';

/**
 * The privacy figures: for each consent purpose the share of viewers whose latest answer is a grant
 * (erasure removes a viewer's ledger with the viewer, so both counts are of present viewers); erasures
 * served (certificates issued); and, per differentially private dataset, how much of the per-analyst
 * budget the most active analyst has spent.
 */
export async function privacyFigures(
  db: Kysely<Database>,
  purposes: readonly ConsentPurpose[],
  limits: BudgetLimits,
): Promise<ScorecardData['privacy']> {
  const count = await db
    .selectFrom('subjects')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const subjects = Number(count.n);
  const grantedByPurpose = await new ConsentRepository(db).grantedCountsByPurpose();
  const consent = [];
  for (const purpose of purposes) {
    const granted = Math.min(subjects, grantedByPurpose.get(purpose.id) ?? 0);
    consent.push({
      purpose: purpose.id,
      title: purpose.title,
      granted,
      rate: subjects === 0 ? 0 : granted / subjects,
    });
  }

  const erasures = await db
    .selectFrom('erasure_certificates')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('at').as('last')])
    .executeTakeFirstOrThrow();

  const parsedLimits = budgetLimitsSchema.parse(limits);
  const spends = await db
    .selectFrom('dp_budget_spend')
    .select(['dataset', 'analyst', 'epsilon', 'delta'])
    .orderBy('seq')
    .execute();
  const byDataset = new Map<string, Map<string, { epsilon: number; delta: number }[]>>();
  for (const spend of spends) {
    const analysts = byDataset.get(spend.dataset) ?? new Map<string, { epsilon: number; delta: number }[]>();
    const list = analysts.get(spend.analyst) ?? [];
    list.push({ epsilon: spend.epsilon, delta: spend.delta });
    analysts.set(spend.analyst, list);
    byDataset.set(spend.dataset, analysts);
  }
  const dpBudget = [...byDataset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dataset, analysts]) => {
      const totals = [...analysts.values()].map((entries) => totalOf(entries));
      const limit = Object.hasOwn(parsedLimits.datasets, dataset)
        ? (parsedLimits.datasets[dataset] ?? parsedLimits.default)
        : parsedLimits.default;
      return {
        dataset,
        analysts: analysts.size,
        queries: totals.reduce((sum, t) => sum + t.queries, 0),
        maxEpsilonSpent: Math.max(...totals.map((t) => t.epsilon)),
        epsilonLimit: limit.epsilon,
        maxDeltaSpent: Math.max(...totals.map((t) => t.delta)),
        deltaLimit: limit.delta,
      };
    });

  return {
    subjects,
    consent,
    erasures: Number(erasures.n),
    lastErasureAt: (erasures.last as string | null) ?? null,
    dpBudget,
  };
}
