import { z } from 'zod';
import { ALIAS_ACTIONS, aliasHistory, MODEL_ALIASES } from '../../../governance/registry/alias-history.js';
import { modelCardMarkdown } from '../../../governance/registry/model-card-markdown.js';
import { setProduction } from '../../../governance/registry/production-moves.js';
import { aliasesOf, versionCard, versionDetails } from '../../../governance/registry/version-details.js';
import { isRetired, listManifests } from '../../../models/model-artifact.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { requirePrincipal } from '../route-helpers.js';
import { registerModelPromotionRoutes } from './model-promotion.js';
import { registryErrorToHttp, registryFor } from './model-registry-http.js';
import { versionDetailsSchema } from './model-schemas.js';

const modelSummary = z.object({
  id: z.string(),
  algorithm: z.string(),
  createdAt: z.string(),
  parent: z.string().nullable(),
  data: z.object({ snapshotHash: z.string(), events: z.number(), viewers: z.number(), items: z.number() }),
  metrics: z.record(z.string(), z.number()),
  aliases: z.array(z.string()),
  retired: z.boolean(),
});

const aliasEvent = z.object({
  id: z.string(),
  alias: z.string(),
  modelId: z.string().nullable(),
  previousId: z.string().nullable(),
  action: z.string(),
  gateId: z.string().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

const idParams = z.strictObject({ id: z.uuid() });

/**
 * The model registry (control plane): versions with their lineage, the aliases `candidate` and
 * `production` and their full history, gate reports, model cards; production set directly only where
 * the policy allows it. Promotion, sign-off and rollback are in model-promotion.ts.
 */
export function registerModelRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/admin/models',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: 'List trained models, newest first, with their aliases (candidate, production)',
        tags: ['models'],
        response: { 200: z.object({ models: z.array(modelSummary) }) },
      },
    },
    async () => {
      const aliases = ctx.serving.aliases();
      return {
        models: listManifests(ctx.config.dataDir).map((m) => ({
          id: m.id,
          algorithm: m.algorithm,
          createdAt: m.createdAt,
          parent: m.parent,
          data: {
            snapshotHash: m.data.snapshotHash,
            events: m.data.events,
            viewers: m.data.viewers,
            items: m.data.items,
          },
          metrics: m.metrics,
          aliases: aliasesOf(m.id, aliases),
          retired: isRetired(ctx.config.dataDir, m.id),
        })),
      };
    },
  );

  // A static segment: find-my-way matches it before `/v1/admin/models/:id`.
  app.get(
    '/v1/admin/models/aliases/history',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: 'Every move of the candidate and production aliases, newest first',
        description: `Actions: ${ALIAS_ACTIONS.join(', ')}. A promotion names the gate report it went by.`,
        tags: ['models'],
        querystring: z.strictObject({
          alias: z.enum(MODEL_ALIASES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ events: z.array(aliasEvent) }) },
      },
    },
    async (request) => ({
      events: await aliasHistory(ctx.store.db, { alias: request.query.alias, limit: request.query.limit }),
    }),
  );

  app.get(
    '/v1/admin/models/:id',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary:
          "A model's manifest and lineage, its latest gate report, sign-offs, and whether it could be promoted now",
        tags: ['models'],
        params: idParams,
        response: { 200: versionDetailsSchema },
      },
    },
    async (request) => versionDetails(registryFor(ctx), request.params.id).catch(registryErrorToHttp),
  );

  app.get(
    '/v1/admin/models/:id/card',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: "A version's model card (Mitchell et al.), from its manifest, gate report and sign-offs",
        description: 'format=md returns Markdown.',
        tags: ['models'],
        params: idParams,
        querystring: z.strictObject({ format: z.enum(['json', 'md']).default('json') }),
        response: { 200: z.union([z.record(z.string(), z.unknown()), z.string()]) },
      },
    },
    async (request, reply) => {
      const card = await versionCard(registryFor(ctx), request.params.id).catch(registryErrorToHttp);
      if (request.query.format === 'md') {
        return reply.type('text/markdown; charset=utf-8').send(modelCardMarkdown(card));
      }
      return { ...card };
    },
  );

  app.put(
    '/v1/admin/models/production',
    {
      config: { access: { permission: 'models:manage' } },
      schema: {
        summary: 'Serve a trained model as production directly (takes effect at once in this process)',
        description:
          'When the policy enforces the promotion gate, only while nothing is in production (bootstrap); ' +
          'otherwise 409 promotion-gate-required: use POST /v1/admin/models/{id}/promote.',
        tags: ['models'],
        body: z.strictObject({ modelId: z.uuid() }),
        response: { 200: z.object({ production: z.string(), previous: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = actorOf(requirePrincipal(request));
      const moved = await setProduction(registryFor(ctx), request.body.modelId, actor).catch(
        registryErrorToHttp,
      );
      return { production: moved.production, previous: moved.previous };
    },
  );

  registerModelPromotionRoutes(app, ctx);
}
