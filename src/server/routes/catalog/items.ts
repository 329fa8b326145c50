import { z } from 'zod';
import { CatalogRepository } from '../../../store/repositories/catalog-repository.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { audienceCeiling } from './audience-ceiling.js';
import { actorOf } from '../../auth/principal.js';
import { requirePrincipal } from '../route-helpers.js';
import { blockedError, holdForCurator } from '../safety/safety-outcomes.js';

export const itemSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  year: z.number().nullable(),
  language: z.string().nullable(),
  maturityRating: z.string(),
  audienceLevel: z.number(),
});

const itemDetailSchema = itemSummarySchema.extend({
  synopsis: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  parentId: z.string().nullable(),
  season: z.number().nullable(),
  episode: z.number().nullable(),
  genres: z.array(z.string()),
  creators: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
});

const summary = (row: {
  id: string;
  title: string;
  kind: string;
  year: number | null;
  language: string | null;
  maturity_system: string;
  maturity_rating: string;
  audience_level: number;
}) => ({
  id: row.id,
  title: row.title,
  kind: row.kind,
  year: row.year,
  language: row.language,
  maturityRating: `${row.maturity_system}:${row.maturity_rating}`,
  audienceLevel: row.audience_level,
});

/** Catalog browse, search and item pages; a viewer never sees items above their profile's level. */
export function registerItemRoutes(app: ApiApp, ctx: ApiContext): void {
  const catalog = new CatalogRepository(ctx.store.db, ctx.store.dialect, ctx.clock);

  app.get(
    '/v1/items',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary: 'Browse or search the catalog',
        tags: ['catalog'],
        querystring: z.strictObject({
          query: z.string().trim().min(1).max(200).optional(),
          genre: z.string().min(1).max(100).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(itemSummarySchema),
            page: z.number(),
            pageSize: z.number(),
            total: z.number(),
            queryInspection: z
              .object({
                action: z.enum(['allow', 'redact']),
                searchedFor: z.string(),
                reasons: z.array(z.object({ kind: z.string(), type: z.string(), message: z.string() })),
              })
              .optional()
              .describe('what the safety gateway did with the query (redactions are searched as redacted)'),
          }),
        },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const ceiling = await audienceCeiling(request, ctx.store, policy.policy.maturity.maxAudienceLevel);
      const { genre, page, pageSize } = request.query;
      let query = request.query.query;
      let queryInspection;
      if (query) {
        const decision = await ctx.safety.inspect(query, 'search', {
          actor: actorOf(requirePrincipal(request)),
          subject: request.scope?.auditTag ?? null,
        });
        if (decision.action === 'block' || decision.text === null) throw blockedError(decision, 'query');
        query = decision.text.trim() || undefined;
        queryInspection = {
          action: decision.action,
          searchedFor: query ?? '',
          reasons: decision.reasons.map(({ kind, type, message }) => ({ kind, type, message })),
        };
      }
      const result = await catalog.listItems({
        ...(query ? { query } : {}),
        ...(genre ? { genre } : {}),
        page,
        pageSize,
        ...(ceiling === undefined ? {} : { maxAudienceLevel: ceiling }),
      });
      return {
        items: result.items.map(summary),
        page,
        pageSize,
        total: result.total,
        ...(queryInspection ? { queryInspection } : {}),
      };
    },
  );

  app.get(
    '/v1/items/:id',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary: 'One item with its genres and creators',
        tags: ['catalog'],
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: itemDetailSchema },
      },
    },
    async (request) => {
      const policy = ctx.policy;
      const item = await catalog.getItem(request.params.id);
      const ceiling = await audienceCeiling(request, ctx.store, policy.policy.maturity.maxAudienceLevel);
      // Above the viewer's level is answered like a missing item: its existence is not disclosed.
      if (!item || (ceiling !== undefined && item.audience_level > ceiling)) {
        throw new HttpError(404, { type: 'not-found', detail: 'no such item', field: 'id' });
      }
      // Catalog text is inspected on its way out too: personal data redacted; unsafe text held for a curator.
      let synopsis = item.synopsis;
      if (synopsis) {
        const decision = await ctx.safety.inspect(synopsis, 'outgoing', { audit: false });
        if (decision.action === 'block' || decision.text === null) {
          synopsis = null;
          await holdForCurator(ctx, 'item', item.id, decision);
        } else synopsis = decision.text;
      }
      return {
        ...summary(item),
        synopsis,
        durationMinutes: item.duration_minutes,
        parentId: item.parent_id,
        season: item.season,
        episode: item.episode,
        genres: item.genres,
        creators: item.creators.map((c) => ({ id: c.id, name: c.name, role: c.role })),
      };
    },
  );
}
