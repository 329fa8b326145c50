import { z } from 'zod';
import { UnknownItemsError } from '../../../store/repositories/viewer-data.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { viewerDataFor } from './viewer-data-for.js';

const feedbackBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('thumb'),
    itemId: z.uuid(),
    value: z.union([z.literal(1), z.literal(-1)]),
    decisionId: z.uuid().optional(),
  }),
  z.strictObject({
    kind: z.literal('rating'),
    itemId: z.uuid(),
    value: z.int().min(1).max(5),
    decisionId: z.uuid().optional(),
  }),
  z.strictObject({
    kind: z.literal('not-interested'),
    itemId: z.uuid(),
    reason: z.string().trim().min(1).max(500).optional(),
    decisionId: z.uuid().optional(),
  }),
]);

/** Feedback on an item, optionally on the decision that served it. Feedback is personal data. */
export function registerFeedbackRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/feedback',
    {
      config: { access: { permission: 'feedback:write' } },
      schema: {
        summary: 'Thumbs up/down, a 1-5 rating, or "not interested" with an optional reason',
        tags: ['viewer'],
        body: feedbackBody,
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const scope = requireScope(request);
      const body = request.body;
      try {
        const row = await viewerDataFor(request, ctx).addFeedback({
          itemId: body.itemId,
          kind: body.kind,
          value: body.kind === 'not-interested' ? null : body.value,
          reason: body.kind === 'not-interested' ? (body.reason ?? null) : null,
          decisionId: body.decisionId ?? null,
        });
        await ctx.audit.append({
          actor: actorOf(requirePrincipal(request)),
          action: 'feedback.add',
          subject: scope.auditTag,
          target: row.id,
          outcome: 'success',
          detail: { kind: body.kind },
        });
        return reply.status(201).send({ id: row.id, createdAt: row.created_at });
      } catch (error) {
        if (error instanceof UnknownItemsError) {
          throw new HttpError(400, { type: 'unknown-item', detail: 'no such item', field: 'itemId' });
        }
        throw error;
      }
    },
  );
}
