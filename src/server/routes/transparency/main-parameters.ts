import { z } from 'zod';
import { mainParameters, mainParametersHtml } from '../../../explain/main-parameters.js';
import type { ApiApp, ApiContext } from '../../api-context.js';

const parameterSchema = z.object({
  name: z.string(),
  description: z.string(),
  weight: z.object({ value: z.number(), against: z.string() }).optional(),
});

const mainParametersSchema = z.object({
  policyVersion: z.string(),
  model: z
    .object({
      id: z.string(),
      algorithm: z.string(),
      trainedAt: z.string(),
      viewers: z.number(),
      items: z.number(),
      events: z.number(),
    })
    .nullable(),
  summary: z.string(),
  signals: z.array(parameterSchema),
  ranking: z.array(parameterSchema),
  safeguards: z.array(parameterSchema),
  options: z.array(z.object({ name: z.string(), description: z.string(), how: z.string() })),
});

/** The main parameters of the ranking, in plain language, from the active policy and production model. */
export function registerMainParametersRoute(app: ApiApp, ctx: ApiContext): void {
  app.get(
    '/v1/transparency/main-parameters',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        summary:
          'How recommendations are chosen: signals, their weights and the viewer options, in plain language',
        description:
          'Generated from the serving policy in force and the production model manifest. format=html returns a self-contained page.',
        tags: ['transparency'],
        querystring: z.strictObject({ format: z.enum(['json', 'html']).default('json') }),
        response: { 200: z.union([mainParametersSchema, z.string()]) },
      },
    },
    async (request, reply) => {
      const { model } = await ctx.serving.serving(ctx.store);
      const doc = mainParameters(ctx.policy, model?.manifest);
      if (request.query.format === 'html') {
        return reply.type('text/html; charset=utf-8').send(mainParametersHtml(doc));
      }
      return doc;
    },
  );
}
