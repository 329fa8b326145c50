import { z } from 'zod';
import { listManifests, readManifest, setAlias } from '../../../models/model-artifact.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';

const modelSummary = z.object({
  id: z.string(),
  algorithm: z.string(),
  createdAt: z.string(),
  parent: z.string().nullable(),
  data: z.object({ snapshotHash: z.string(), events: z.number(), viewers: z.number(), items: z.number() }),
  metrics: z.record(z.string(), z.number()),
  aliases: z.array(z.string()),
});

/** Trained models: list, inspect a manifest, choose the production model (control plane). */
export function registerModelRoutes(app: ApiApp, ctx: ApiContext): void {
  const aliasesOf = (id: string, aliases: Record<string, string>) =>
    Object.entries(aliases)
      .filter(([, target]) => target === id)
      .map(([alias]) => alias);

  app.get(
    '/v1/admin/models',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary: 'List trained models, newest first',
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
        })),
      };
    },
  );

  app.get(
    '/v1/admin/models/:id',
    {
      config: { access: { permission: 'models:read' } },
      schema: {
        summary:
          "A model's manifest: algorithm, parameters, training data snapshot, metrics, code version, parent",
        tags: ['models'],
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({ manifest: z.record(z.string(), z.unknown()), aliases: z.array(z.string()) }),
        },
      },
    },
    async (request) => {
      const manifest = readManifest(ctx.config.dataDir, request.params.id);
      if (!manifest) throw new HttpError(404, { type: 'not-found', detail: 'no such model', field: 'id' });
      return { manifest, aliases: aliasesOf(manifest.id, ctx.serving.aliases()) };
    },
  );

  app.put(
    '/v1/admin/models/production',
    {
      config: { access: { permission: 'models:manage' } },
      schema: {
        summary: 'Serve another trained model as production (takes effect at once in this process)',
        tags: ['models'],
        body: z.strictObject({ modelId: z.uuid() }),
        response: { 200: z.object({ production: z.string(), previous: z.string().nullable() }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const manifest = readManifest(ctx.config.dataDir, request.body.modelId);
      if (!manifest)
        throw new HttpError(404, { type: 'not-found', detail: 'no such model', field: 'modelId' });
      if (manifest.data.itemIdSpace !== 'candor') {
        throw new HttpError(409, {
          type: 'not-servable',
          detail:
            'this model was trained on a dataset folder, not on the store, so its items are not catalog items',
          field: 'modelId',
        });
      }
      const previous = ctx.serving.aliases().production ?? null;
      setAlias(ctx.config.dataDir, 'production', manifest.id);
      ctx.serving.reload();
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'models.set-production',
        target: manifest.id,
        outcome: 'success',
        detail: { previous },
      });
      return { production: manifest.id, previous };
    },
  );
}
