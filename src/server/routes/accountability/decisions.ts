import { z } from 'zod';
import { UnknownCursorError } from '../../../governance/decisions/decision-reader.js';
import type { DecisionRecord } from '../../../governance/decisions/decision-record.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';

export const decisionRecordSchema = z.object({
  id: z.string(),
  subject: z.string().describe('pseudonym of the viewer served'),
  createdAt: z.string(),
  surface: z.string(),
  modelId: z.string(),
  policyVersion: z.string(),
  consent: z.object({ personalization: z.boolean(), source: z.string(), version: z.number() }),
  stages: z.array(z.object({ stage: z.string(), changed: z.record(z.string(), z.unknown()) })),
  items: z.array(
    z.object({ itemId: z.string(), score: z.number(), rank: z.number(), reasons: z.array(z.string()) }),
  ),
  request: z.record(z.string(), z.unknown()).optional(),
});

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.uuid().optional().describe('id of the last record of the previous page'),
});

const notFound = () =>
  new HttpError(404, { type: 'not-found', detail: 'no such decision record', field: 'id' });

async function page(read: () => Promise<DecisionRecord[]>): Promise<DecisionRecord[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UnknownCursorError) {
      throw new HttpError(400, { type: 'invalid-request', detail: 'unknown page cursor', field: 'before' });
    }
    throw error;
  }
}

/**
 * Decision records: a viewer reads their own (matched by their pseudonym in the data layer query); an
 * auditor reads all, pseudonymized. Both reads are audited.
 */
export function registerDecisionRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/me/decisions',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: 'The decision records of the lists served to the viewer, newest first',
        tags: ['viewer'],
        querystring: pageQuery,
        response: { 200: z.object({ decisions: z.array(decisionRecordSchema) }) },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const decisions = await page(() =>
        ctx.decisionReader.listForSubject(scope.pseudonym, {
          limit: request.query.limit,
          ...(request.query.before ? { before: request.query.before } : {}),
        }),
      );
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'decisions.read-own',
        subject: scope.auditTag,
        outcome: 'success',
        detail: { count: decisions.length },
      });
      return { decisions };
    },
  );

  app.get(
    '/v1/me/decisions/:id',
    {
      config: { access: { permission: 'me:read' } },
      schema: {
        summary: "One of the viewer's own decision records",
        tags: ['viewer'],
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: decisionRecordSchema },
      },
    },
    async (request) => {
      const scope = requireScope(request);
      const record = await ctx.decisionReader.get(request.params.id);
      // Someone else's record is answered like a missing one.
      if (!record || record.subject !== scope.pseudonym) throw notFound();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'decisions.read-own',
        subject: scope.auditTag,
        target: record.id,
        outcome: 'success',
      });
      return record;
    },
  );

  app.get(
    '/v1/audit/decisions',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        summary: 'Every decision record, newest first (pseudonymized)',
        tags: ['audit'],
        querystring: pageQuery,
        response: { 200: z.object({ decisions: z.array(decisionRecordSchema) }) },
      },
    },
    async (request) => {
      const decisions = await page(() =>
        ctx.decisionReader.list({
          limit: request.query.limit,
          ...(request.query.before ? { before: request.query.before } : {}),
        }),
      );
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'decisions.read-all',
        outcome: 'success',
        detail: { count: decisions.length },
      });
      return { decisions };
    },
  );

  app.get(
    '/v1/audit/decisions/:id',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        summary: 'One decision record (pseudonymized)',
        tags: ['audit'],
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: decisionRecordSchema },
      },
    },
    async (request) => {
      const record = await ctx.decisionReader.get(request.params.id);
      if (!record) throw notFound();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'decisions.read-all',
        subject: record.subject,
        target: record.id,
        outcome: 'success',
      });
      return record;
    },
  );
}
