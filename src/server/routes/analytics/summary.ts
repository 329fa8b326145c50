import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';

/** Groups smaller than this are not reported, so no aggregate describes one or two viewers. */
export const MIN_GROUP_SIZE = 5;

/**
 * How long a computed summary is served again. The counts scan every event (~150 ms at the demo's scale,
 * blocking the event loop on SQLite); a dashboard opened again within this time needs no fresher figures,
 * and the response says when they were computed.
 */
export const SUMMARY_TTL_MS = 30_000;

/** Aggregates for analysts: counts over all viewers, never one viewer's rows. */
export function registerAnalyticsRoutes(app: ApiApp, ctx: ApiContext): void {
  const computed = new Map<number, { at: number; summary: Summary }>();
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
            computedAt: z.string().describe('when these figures were counted (they are reused for 30 s)'),
          }),
        },
      },
    },
    async (request) => {
      const now = ctx.clock().getTime();
      let cached = computed.get(request.query.top);
      if (!cached || now - cached.at >= SUMMARY_TTL_MS) {
        cached = { at: now, summary: await summarize(ctx, request.query.top) };
        computed.set(request.query.top, cached);
      }
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'analytics.summary',
        outcome: 'success',
      });
      return cached.summary;
    },
  );
}

interface Summary {
  viewers: number;
  items: number;
  eventsByKind: Record<string, number>;
  topItems: { itemId: string; title: string; viewers: number }[];
  minGroupSize: number;
  computedAt: string;
}

async function summarize(ctx: ApiContext, top: number): Promise<Summary> {
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
  // Counted per item key first, titles read for the top rows only: grouping the join by id and title
  // cost ~200 ms at the demo's scale, on the dashboard's first screen.
  const counts = await db
    .selectFrom('interactions')
    .select((eb) => ['item_key', eb.fn.count('subject_key').distinct().as('viewers')])
    .groupBy('item_key')
    .having((eb) => eb.fn.count('subject_key').distinct(), '>=', MIN_GROUP_SIZE)
    .execute();
  const ranked = counts
    .map((row) => ({ key: Number(row.item_key), viewers: Number(row.viewers) }))
    .sort((a, b) => b.viewers - a.viewers || a.key - b.key)
    .slice(0, top);
  const items = ranked.length
    ? await db
        .selectFrom('items')
        .select(['key', 'id', 'title'])
        .where(
          'key',
          'in',
          ranked.map((row) => row.key),
        )
        .execute()
    : [];
  const itemByKey = new Map(items.map((item) => [Number(item.key), item]));
  const topItems = ranked.flatMap((row) => {
    const item = itemByKey.get(row.key);
    return item ? [{ itemId: item.id, title: item.title, viewers: row.viewers }] : [];
  });
  return {
    viewers: await count('subjects'),
    items: await count('items'),
    eventsByKind: Object.fromEntries(
      byKind.filter((row) => Number(row.n) >= MIN_GROUP_SIZE).map((row) => [row.kind, Number(row.n)]),
    ),
    topItems: topItems,
    minGroupSize: MIN_GROUP_SIZE,
    computedAt: ctx.clock().toISOString(),
  };
}
