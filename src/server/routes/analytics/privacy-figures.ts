import { scorecardDataSchema } from '../../../governance/scorecard/scorecard-data.js';
import { privacyFigures } from '../../../governance/scorecard/privacy-figures.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

/**
 * Privacy figures for analysts, as the scorecard reports them: the share of viewers granting each
 * consent purpose, erasures served, and the most any analyst spent of each differentially private
 * dataset's budget (the caller's own budget is GET /v1/analytics/dp/budget). Aggregates only.
 */
export function registerPrivacyFiguresRoute(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/analytics/privacy',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: 'Consent rates per purpose, erasures served, and differential-privacy budget spent',
        tags: ['analytics'],
        response: { 200: scorecardDataSchema.shape.privacy },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const figures = await privacyFigures(ctx.store.db, ctx.purposes.list, policy.policy.privacy.dpBudget);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.privacy-figures',
        outcome: 'success',
      });
      return figures;
    },
  );
}
