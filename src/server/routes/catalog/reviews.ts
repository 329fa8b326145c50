import { z } from 'zod';
import { newId } from '../../../store/ids.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal, requireScope } from '../route-helpers.js';
import { blockedError, holdForCurator } from '../safety/safety-outcomes.js';

export const REVIEW_TEXT_FIELD = 'reviews.text' as const;
const MAX_REVIEW = 2_000;
const REVIEWS_PER_PAGE = 50;

const reasonSchema = z.object({
  kind: z.string(),
  type: z.string(),
  action: z.string(),
  message: z.string(),
});

/**
 * Viewers' reviews. A review is inspected before it is stored (personal data redacted, harmful text or
 * injected instructions refused with the reason), stored encrypted under its author's data key, and
 * inspected again on the way out: one that fails then is held for a curator instead of shown.
 */
export function registerReviewRoutes(app: ApiApp, ctx: ApiContext): void {
  app.post(
    '/v1/items/:id/reviews',
    {
      config: { access: { permission: 'reviews:write' } },
      schema: {
        summary: 'Post a short review of an item (inspected; personal data redacted; harmful text refused)',
        tags: ['catalog'],
        params: z.strictObject({ id: z.uuid() }),
        body: z.strictObject({
          text: z.string().trim().min(1).max(MAX_REVIEW),
          rating: z.number().int().min(1).max(5).optional(),
        }),
        response: {
          201: z.object({
            id: z.string(),
            text: z.string(),
            rating: z.number().nullable(),
            status: z.string(),
            reasons: z.array(reasonSchema),
          }),
        },
      },
    },
    async (request, reply) => {
      const scope = requireScope(request);
      const item = await ctx.store.db
        .selectFrom('items')
        .select('id')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!item) throw new HttpError(404, { type: 'not-found', detail: 'no such item', field: 'id' });
      const decision = await ctx.safety.inspect(request.body.text, 'review', {
        actor: actorOf(requirePrincipal(request)),
        subject: scope.auditTag,
        target: item.id,
      });
      if (decision.action === 'block' || decision.text === null) throw blockedError(decision, 'text');
      const id = newId();
      await ctx.store.db
        .insertInto('reviews')
        .values({
          id,
          item_id: item.id,
          subject_id: scope.subjectId,
          text: (await ctx.store.keyring.encrypt(
            scope.subjectId,
            REVIEW_TEXT_FIELD,
            decision.text,
          )) as string,
          rating: request.body.rating ?? null,
          status: 'published',
          inspection: JSON.stringify({ action: decision.action, findings: decision.findingCounts }),
          created_at: ctx.clock().toISOString(),
        })
        .execute();
      return reply.code(201).send({
        id,
        text: decision.text,
        rating: request.body.rating ?? null,
        status: 'published',
        reasons: decision.reasons.map((reason) => ({ ...reason })),
      });
    },
  );

  app.get(
    '/v1/items/:id/reviews',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary: 'Published reviews of an item, newest first, each inspected again before it is shown',
        tags: ['catalog'],
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({
            reviews: z.array(
              z.object({
                id: z.string(),
                text: z.string(),
                rating: z.number().nullable(),
                createdAt: z.string(),
                mine: z.boolean(),
              }),
            ),
            held: z.number().describe('reviews held back for a curator by this inspection'),
          }),
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const rows = await ctx.store.db
        .selectFrom('reviews')
        .selectAll()
        .where('item_id', '=', request.params.id)
        .where('status', '=', 'published')
        .orderBy('created_at', 'desc')
        .limit(REVIEWS_PER_PAGE)
        .execute();
      const texts = await ctx.store.keyring.decryptMany(
        rows.map((row) => ({ subjectId: row.subject_id, field: REVIEW_TEXT_FIELD, value: row.text })),
      );
      const reviews = [];
      let held = 0;
      for (const [index, row] of rows.entries()) {
        const decision = await ctx.safety.inspect(texts[index] as string, 'outgoing', { audit: false });
        if (decision.action === 'block' || decision.text === null) {
          held += 1;
          await ctx.store.db
            .updateTable('reviews')
            .set({ status: 'held' })
            .where('id', '=', row.id)
            .execute();
          await holdForCurator(ctx, 'review', row.id, decision);
          continue;
        }
        reviews.push({
          id: row.id,
          text: decision.text,
          rating: row.rating,
          createdAt: row.created_at,
          mine: principal.kind === 'account' && principal.subjectId === row.subject_id,
        });
      }
      return { reviews, held };
    },
  );
}
