import { z } from 'zod';
import { runDrift } from '../../../governance/monitoring/drift.js';
import { alertSchema, driftReportSchema } from '../../../governance/monitoring/drift-report.js';
import { listAlerts, listDriftReports } from '../../../governance/monitoring/monitoring-reads.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { driftDepsFor } from '../../monitoring-schedule.js';
import { requirePrincipal } from '../route-helpers.js';

const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Drift reports and alerts (monitoring:read); a drift comparison on demand (monitoring:manage). */
export function registerMonitoringRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/admin/monitoring/drift',
    {
      config: { access: { permission: 'monitoring:manage' } },
      schema: {
        summary:
          "Compare recent traffic with the production model's training snapshot now; store the report and raise its alerts",
        tags: ['monitoring'],
        body: z
          .strictObject({
            windowDays: z
              .int()
              .min(1)
              .max(365)
              .optional()
              .describe(
                "days of recent traffic to compare (the policy's monitoring.drift.windowDays when absent)",
              ),
          })
          // No body at all (Fastify passes null) means the same as {}.
          .nullish(),
        response: { 200: z.object({ report: driftReportSchema, alerts: z.array(alertSchema) }) },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      return runDrift(driftDepsFor(ctx, policy, request.log), {
        now: ctx.clock(),
        windowDays: request.body?.windowDays,
        actor: actorOf(requirePrincipal(request)),
      });
    },
  );

  app.get(
    '/v1/admin/monitoring/drift',
    {
      config: { access: { permission: 'monitoring:read' } },
      schema: {
        summary: 'The latest drift reports, newest first',
        tags: ['monitoring'],
        querystring: z.strictObject({ limit: limit(10, 100) }),
        response: { 200: z.object({ reports: z.array(driftReportSchema) }) },
      },
    },
    async (request) => ({ reports: await listDriftReports(ctx.store.db, request.query.limit) }),
  );

  app.get(
    '/v1/admin/monitoring/alerts',
    {
      config: { access: { permission: 'monitoring:read' } },
      schema: {
        summary: 'The latest alerts (drift, fairness), newest first, with their webhook delivery',
        tags: ['monitoring'],
        querystring: z.strictObject({ limit: limit(50, 500) }),
        response: { 200: z.object({ alerts: z.array(alertSchema) }) },
      },
    },
    async (request) => ({ alerts: await listAlerts(ctx.store.db, request.query.limit) }),
  );
}
