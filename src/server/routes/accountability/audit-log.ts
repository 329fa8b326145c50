import { z } from 'zod';
import { verifyAuditLog } from '../../../governance/audit/verify-audit-log.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

const entrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  target: z.string().nullable(),
  outcome: z.string(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
  prevHash: z.string(),
});

/** The audit log for auditors: entries (newest first) and a verification of the whole chain. */
export function registerAuditLogRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/audit/log',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        summary: 'Audit log entries, newest first',
        tags: ['audit'],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().min(1).optional().describe('entries with a lower seq than this'),
          action: z.string().min(1).max(100).optional(),
        }),
        response: { 200: z.object({ entries: z.array(entrySchema) }) },
      },
    },
    async (request) => {
      let query = ctx.store.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(request.query.limit);
      if (request.query.before !== undefined) query = query.where('seq', '<', request.query.before);
      if (request.query.action) query = query.where('action', '=', request.query.action);
      const rows = await query.execute();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'audit.read',
        outcome: 'success',
        detail: { count: rows.length },
      });
      return {
        entries: rows.map((row) => ({
          seq: Number(row.seq),
          at: row.at,
          actor: row.actor,
          action: row.action,
          subject: row.subject,
          target: row.target,
          outcome: row.outcome,
          detail: JSON.parse(row.detail) as Record<string, unknown>,
          hash: row.hash,
          prevHash: row.prev_hash,
        })),
      };
    },
  );

  app.get(
    '/v1/audit/log/verification',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        summary: 'Recompute the hash chain and name the first broken entry, if any',
        tags: ['audit'],
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            head: z.object({ seq: z.number(), hash: z.string() }).optional(),
            firstBroken: z.object({ seq: z.number(), reason: z.string() }).optional(),
          }),
        },
      },
    },
    async (request) => {
      const result = await verifyAuditLog(ctx.store);
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'audit.verify',
        outcome: result.ok ? 'success' : 'failure',
        detail: { entries: result.entries },
      });
      return result;
    },
  );
}
