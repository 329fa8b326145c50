import { z } from 'zod';
import { rolesSchema } from '../../auth/auth-service.js';
import { actorOf } from '../../auth/principal.js';
import type { ApiApp, ApiContext } from '../../api-context.js';
import { HttpError } from '../../http-error.js';
import { requirePrincipal } from '../route-helpers.js';
import { authErrorToHttp } from './users.js';

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  roles: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** API keys for services (control plane, admin only): created, listed, revoked; never shown twice. */
export function registerApiKeyRoutes(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/admin/api-keys',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: {
        summary: 'List API keys (never the keys themselves)',
        tags: ['admin'],
        response: { 200: z.object({ keys: z.array(apiKeySchema) }) },
      },
    },
    async (request) => {
      const keys = await ctx.auth.apiKeys.list();
      await ctx.audit.append({
        actor: actorOf(requirePrincipal(request)),
        action: 'keys.list',
        outcome: 'success',
      });
      return { keys };
    },
  );

  app.post(
    '/v1/admin/api-keys',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: {
        summary: 'Create an API key; the key is in this response only',
        tags: ['admin'],
        body: z.strictObject({
          name: z.string().min(1).max(100),
          roles: rolesSchema,
          expiresInDays: z.int().min(1).max(3650).optional(),
        }),
        response: { 201: z.object({ key: z.string(), apiKey: apiKeySchema }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const expiresAt = request.body.expiresInDays
        ? new Date(ctx.clock().getTime() + request.body.expiresInDays * 86_400_000)
        : undefined;
      const { key, record } = await ctx.auth
        .createApiKey({
          name: request.body.name,
          roles: request.body.roles,
          createdBy: actorOf(principal),
          expiresAt,
        })
        .catch(authErrorToHttp);
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'keys.create',
        target: record.id,
        outcome: 'success',
        detail: { roles: record.roles },
      });
      return reply.status(201).send({ key, apiKey: record });
    },
  );

  app.delete(
    '/v1/admin/api-keys/:id',
    {
      config: { access: { permission: 'keys:manage' } },
      schema: {
        summary: 'Revoke an API key',
        tags: ['admin'],
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const revoked = await ctx.auth.revokeApiKey(request.params.id);
      await ctx.audit.append({
        actor: actorOf(principal),
        action: 'keys.revoke',
        target: request.params.id,
        outcome: revoked ? 'success' : 'failure',
      });
      if (!revoked)
        throw new HttpError(404, { type: 'not-found', detail: 'no live API key with this id', field: 'id' });
      return reply.status(204).send(null);
    },
  );
}
