import { z } from 'zod';
import { scorecardDataSchema } from '../../../governance/scorecard/scorecard-data.js';
import { safetyFigures } from '../../../governance/scorecard/safety-figures.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

const DAY_MS = 86_400_000;

/**
 * The safety gateway's decisions by surface and action, and the curator queue by status, as the
 * scorecard counts them (from the audit log, so every process and the CLI count): for the dashboard,
 * which should not parse Prometheus text. Monitoring figures, so monitoring:read.
 */
export function registerSafetyFiguresRoute(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/analytics/safety',
    {
      config: { access: { permission: 'monitoring:read' } },
      schema: {
        summary: 'Safety decisions by surface and action over recent days, and the curator queue by status',
        tags: ['analytics'],
        querystring: z.strictObject({
          days: z.coerce.number().int().min(1).max(365).default(30).describe('how far back decisions count'),
        }),
        response: { 200: scorecardDataSchema.shape.safety },
      },
    },
    async (request) => {
      const since = new Date(ctx.clock().getTime() - request.query.days * DAY_MS).toISOString();
      const figures = await safetyFigures(ctx.store.db, since);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.safety-figures',
        outcome: 'success',
        detail: { days: request.query.days },
      });
      return figures;
    },
  );
}
