import { z } from 'zod';
import type { AuditReport } from '../../../evaluate/audit/run-audit.js';
import { parseSplitSpec } from '../../../evaluate/split-spec.js';
import { algorithmNames } from '../../../models/algorithms.js';
import type { AuditJob } from '../../audit-jobs.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';
import { auditReportSchema } from './audit-report-schema.js';
import { MIN_GROUP_SIZE } from './summary.js';

const auditRequest = z.strictObject({
  algorithm: z
    .enum(algorithmNames() as [string, ...string[]])
    .default('ease')
    .describe('the model to fit on the training part and audit'),
  k: z.int().min(1).max(100).default(10).describe('list length'),
  split: z
    .string()
    .default('stratified:0.75')
    .superRefine((text, context) => {
      try {
        parseSplitSpec(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe('stratified[:RATIO] | temporal[:LAST_N] | strong[:HELD_OUT[:FOLD_IN]]'),
  seed: z.int().min(0).max(0xffff_ffff).default(42),
  resamples: z.int().min(100).max(5000).default(1000).describe('bootstrap resamples per interval'),
});

const jobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  report: auditReportSchema
    .nullable()
    .describe(
      `the audit report (see candor audit --json); groups of fewer than ${MIN_GROUP_SIZE} viewers are suppressed`,
    ),
});

/**
 * No aggregate describes a handful of viewers: viewer groups under MIN_GROUP_SIZE are dropped from the
 * group tables (the comparisons, which already leave out groups under the audit's own minimum, stand).
 */
function suppressed(report: AuditReport): AuditReport & { suppressedGroups: number } {
  let suppressedGroups = 0;
  const big = <T extends { n?: number; population?: number }>(groups: T[]): T[] =>
    groups.filter((group) => {
      const size = group.n ?? group.population ?? 0;
      if (size >= MIN_GROUP_SIZE) return true;
      suppressedGroups += 1;
      return false;
    });
  return {
    ...report,
    dataset: { path: 'store', format: report.dataset.format },
    fairness: report.fairness.map((frame) => ({ ...frame, byGroup: big(frame.byGroup) })),
    dataBias: {
      ...report.dataBias,
      viewers: report.dataBias.viewers.map((r) => ({ ...r, groups: big(r.groups) })),
    },
    suppressedGroups,
  };
}

const shaped = (job: AuditJob) => ({
  ...job,
  options: { ...job.options },
  report: job.report ? suppressed(job.report) : null,
});

/** Fairness, exposure and error audits over the service's own data, for analysts (aggregates only). */
export function registerAuditRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/analytics/audits',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: 'Start an audit of the stored data: group fairness, exposure, error cohorts, data bias',
        description:
          'Fits the model on a split of the stored interactions and audits its lists; runs in the background (one at a time). 409 while another audit runs.',
        tags: ['analytics'],
        body: auditRequest,
        response: { 202: jobSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const job = ctx.audits.start({
        algorithm: body.algorithm,
        k: body.k,
        split: parseSplitSpec(body.split),
        seed: body.seed,
        resamples: body.resamples,
        // The trade-off table measures the rerankers of the policy in force when the audit starts.
        tradeoffs: {
          poolSize: ctx.policy.policy.ranking.poolSize,
          policy: ctx.policy.policy.ranking.rerankers,
        },
      });
      if (!job) throw new HttpError(409, { type: 'conflict', detail: 'an audit is already running' });
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.audit-start',
        target: job.id,
        outcome: 'success',
        detail: { algorithm: body.algorithm, k: body.k, split: body.split },
      });
      return reply.code(202).send(shaped(job));
    },
  );

  app.get(
    '/v1/analytics/audits',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: 'Recent audits, newest first',
        tags: ['analytics'],
        response: { 200: z.object({ audits: z.array(jobSchema) }) },
      },
    },
    async () => ({ audits: ctx.audits.list().map(shaped) }),
  );

  app.get(
    '/v1/analytics/audits/:id',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: 'One audit: its status and, once done, its report',
        tags: ['analytics'],
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      const job = ctx.audits.get(request.params.id);
      if (!job) throw new HttpError(404, { type: 'not-found', detail: 'no such audit', field: 'id' });
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.audit-read',
        target: job.id,
        outcome: 'success',
      });
      return shaped(job);
    },
  );
}
