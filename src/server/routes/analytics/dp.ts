import { z } from 'zod';
import {
  DP_QUERIES,
  dpQueryRequestSchema,
  type DpQueryName,
  runDpQuery,
} from '../../../privacy/dp-analytics/dp-analytics.js';
import {
  KyselyBudgetStore,
  PrivacyBudgetExceededError,
  PrivacyBudgetLedger,
} from '../../../privacy/dp/index.js';
import { actorOf } from '../../auth/principal.js';
import { HttpError } from '../../http-error.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

const cost = z.object({ epsilon: z.number(), delta: z.number() });
const resultSchema = z.object({
  query: z.string(),
  description: z.string(),
  dataset: z.string(),
  population: z.string(),
  mechanism: z.enum(['laplace', 'gaussian']),
  cost,
  contributionBounds: z.object({
    maxKeys: z.number(),
    lower: z.number().optional(),
    upper: z.number().optional(),
  }),
  noise: z.object({ parameter: z.string(), standardDeviation: z.number(), errorBound95: z.number() }),
  bins: z.array(
    z.object({ key: z.string(), label: z.string(), value: z.number(), errorBound95: z.number() }),
  ),
  budget: z.object({ remaining: cost, limit: cost }),
});

const datasets = [...new Set(Object.values(DP_QUERIES).map((spec) => spec.dataset))];

/** Differentially private aggregates for analysts, charged to each analyst's privacy budget. */
export function registerDpAnalyticsRoutes(app: ApiApp, ctx: ApiContext): void {
  const ledger = new PrivacyBudgetLedger(
    new KyselyBudgetStore(ctx.store),
    ctx.policy.policy.privacy.dpBudget,
    ctx.clock,
  );
  // The analyst is the account or API key, never the session: a budget must not reset at each sign-in.
  const analystOf = (request: Parameters<typeof requirePrincipal>[0]) => actorOf(requirePrincipal(request));

  app.post(
    '/v1/analytics/dp/queries',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary:
          'Run a differentially private query (viewers per genre, item popularity, exposure by creator group)',
        description:
          'Reads only viewers with analytics consent, bounds each viewer’s contribution, adds discrete Laplace or Gaussian noise and reports each value with its 95% error bound. The privacy cost is charged to the caller’s budget on the query’s dataset first; a query the remaining budget cannot cover is refused with 403 privacy-budget-exceeded and computes nothing.',
        tags: ['analytics'],
        body: dpQueryRequestSchema,
        response: { 200: resultSchema },
      },
    },
    async (request) => {
      const analyst = analystOf(request);
      try {
        const result = await runDpQuery(
          { db: ctx.store.db, consents: ctx.consents, pseudonymizer: ctx.pseudonymizer, ledger },
          analyst,
          request.body,
        );
        await ctx.audit.append({
          actor: analyst,
          action: 'analytics.dp_query',
          outcome: 'success',
          detail: { query: result.query, dataset: result.dataset, ...result.cost },
        });
        return result;
      } catch (error) {
        if (!(error instanceof PrivacyBudgetExceededError)) throw error;
        await ctx.audit.append({
          actor: analyst,
          action: 'analytics.dp_query',
          outcome: 'denied',
          detail: { query: request.body.query, reason: 'privacy budget exceeded' },
        });
        throw new HttpError(403, {
          type: 'privacy-budget-exceeded',
          detail: error.message,
          field: 'epsilon',
        });
      }
    },
  );

  app.get(
    '/v1/analytics/dp/budget',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: 'The caller’s privacy budget per dataset: limit and what remains',
        tags: ['analytics'],
        response: {
          200: z.object({
            composition: z.string(),
            datasets: z.array(
              z.object({ dataset: z.string(), queries: z.array(z.string()), limit: cost, remaining: cost }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const analyst = analystOf(request);
      return {
        composition:
          'basic sequential composition: the ε and δ of every query on a dataset add up, per analyst',
        datasets: await Promise.all(
          datasets.map(async (dataset) => ({
            dataset,
            queries: (Object.keys(DP_QUERIES) as DpQueryName[]).filter(
              (name) => DP_QUERIES[name].dataset === dataset,
            ),
            limit: ledger.limitFor(dataset),
            remaining: await ledger.remaining(dataset, analyst),
          })),
        ),
      };
    },
  );
}
