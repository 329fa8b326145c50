import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { ApiApp } from '../../api-context.js';

/**
 * Prometheus metrics at /metrics (a role with metrics:read): process metrics and request durations by
 * route pattern and status (never by URL, which would carry ids).
 */
export function registerMetrics(app: ApiApp): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'candor_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  app.get(
    '/metrics',
    {
      config: { access: { permission: 'metrics:read' } },
      schema: { summary: 'Prometheus metrics', tags: ['operations'], hide: false },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
