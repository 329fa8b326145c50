import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

/** Groups smaller than this are not reported, so no aggregate describes one or two viewers. */
export const MIN_GROUP_SIZE = 5;

/** Aggregates for analysts: counts over all viewers, never one viewer's rows. */
export function registerAnalyticsRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/analytics/summary',
    {
      config: { access: { permission: 'analytics:read' } },
      schema: {
        summary: `Counts of viewers, items and events by kind, and the most watched items (groups under ${MIN_GROUP_SIZE} viewers suppressed)`,
        tags: ['analytics'],
        querystring: z.strictObject({ top: z.coerce.number().int().min(1).max(100).default(10) }),
        response: {
          200: z.object({
            viewers: z.number(),
            items: z.number(),
            eventsByKind: z.record(z.string(), z.number()),
            topItems: z.array(z.object({ itemId: z.string(), title: z.string(), viewers: z.number() })),
            minGroupSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const db = ctx.store.db;
      const count = async (table: 'subjects' | 'items') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const byKind = await db
        .selectFrom('interactions')
        .select((eb) => ['kind', eb.fn.countAll().as('n')])
        .groupBy('kind')
        .execute();
      const top = await db
        .selectFrom('interactions')
        .innerJoin('items', 'items.key', 'interactions.item_key')
        .select((eb) => [
          'items.id as itemId',
          'items.title as title',
          eb.fn.count('interactions.subject_key').distinct().as('viewers'),
        ])
        .groupBy(['items.id', 'items.title'])
        .having((eb) => eb.fn.count('interactions.subject_key').distinct(), '>=', MIN_GROUP_SIZE)
        .orderBy('viewers', 'desc')
        .orderBy('items.id')
        .limit(request.query.top)
        .execute();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.summary',
        outcome: 'success',
      });
      return {
        viewers: await count('subjects'),
        items: await count('items'),
        eventsByKind: Object.fromEntries(
          byKind.filter((row) => Number(row.n) >= MIN_GROUP_SIZE).map((row) => [row.kind, Number(row.n)]),
        ),
        topItems: top.map((row) => ({ itemId: row.itemId, title: row.title, viewers: Number(row.viewers) })),
        minGroupSize: MIN_GROUP_SIZE,
      };
    },
  );
}
