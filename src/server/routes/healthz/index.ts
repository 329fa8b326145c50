import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../../../store/open-store.js';
import type { ServingModel } from '../../serving-model.js';

/**
 * Liveness and readiness in one: the only unauthenticated route. It says whether the database answers,
 * and nothing about data.
 */
export function registerHealthz(
  app: FastifyInstance,
  deps: { store: Store; version: string; serving?: ServingModel | undefined },
): void {
  app.get(
    '/healthz',
    {
      config: { access: { public: 'health' } },
      schema: {
        summary: 'Liveness and readiness (the only route without credentials)',
        tags: ['operations'],
      },
    },
    async (_request, reply) => {
      let database: 'ok' | 'unavailable' = 'ok';
      try {
        await sql`select 1`.execute(deps.store.db);
      } catch {
        database = 'unavailable';
      }
      const status = database === 'ok' ? 'ok' : 'degraded';
      return reply
        .status(status === 'ok' ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status,
          version: deps.version,
          checks: { database, model: deps.serving?.model ? 'loaded' : 'none' },
        });
    },
  );
}
