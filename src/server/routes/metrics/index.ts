import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { cachedScrapeFigures } from '../../../governance/monitoring/scrape-figures.js';
import type { SafetyGateway } from '../../../safety/gateway/safety-gateway.js';
import type { ApiApp, ApiContext } from '../../api-context.js';

/**
 * Prometheus metrics at /metrics (a role with metrics:read). Labels are route patterns, surfaces,
 * purposes, model ids and kinds: never a URL (which would carry ids) nor anything about a subject.
 *
 * Two sources: counters this process keeps (requests, errors, safety decisions: per process, as in
 * cluster mode each worker has its own registry), and figures read from the database at scrape time,
 * cached for a few seconds (consent rates, alerts, the last drift run: the same whichever process
 * answers, and counting what the CLI and other workers did too).
 */
export function registerMetrics(app: ApiApp, ctx: ApiContext): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const duration = new Histogram({
    name: 'candor_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const requests = new Counter({
    name: 'candor_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status class (2xx, 4xx, 5xx)',
    labelNames: ['route', 'method', 'status_class'],
    registers,
  });
  const errors = new Counter({
    name: 'candor_http_errors_total',
    help: 'HTTP requests answered with a server error (5xx), by route pattern and method',
    labelNames: ['route', 'method'],
    registers,
  });
  const safetyDecisions = new Counter({
    name: 'candor_safety_decisions_total',
    help: 'Safety gateway decisions by surface and action (allow, redact, block)',
    labelNames: ['surface', 'action'],
    registers,
  });

  // The gateway may be replaced when the policy changes: follow whichever ctx.safety is current.
  let observed: SafetyGateway | undefined;
  const observeSafety = () => {
    if (observed === ctx.safety) return;
    observed = ctx.safety;
    observed.onDecision((surface, action) => safetyDecisions.inc({ surface, action }));
  };
  observeSafety();

  app.addHook('onRequest', async () => observeSafety());
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    duration.observe({ route, method: request.method, status: String(status) }, reply.elapsedTime / 1000);
    requests.inc({ route, method: request.method, status_class: `${Math.floor(status / 100)}xx` });
    if (status >= 500) errors.inc({ route, method: request.method });
  });

  const cached = cachedScrapeFigures(ctx.store.db, { clock: ctx.clock });
  // A database hiccup leaves these metrics out of one scrape; it does not fail the process metrics.
  const figures = () =>
    cached().catch((error: unknown) => {
      app.log.warn({ err: error }, 'metrics: could not read figures from the database');
      return undefined;
    });
  new Gauge({
    name: 'candor_consent_rate',
    help: 'Share of subjects whose latest consent answer for the purpose is a grant (no answer: not granted)',
    labelNames: ['purpose'],
    registers,
    async collect() {
      const read = await figures();
      this.reset();
      if (!read || read.subjects === 0) return;
      const { subjects, granted } = read;
      for (const purpose of ctx.purposes.list)
        this.set({ purpose: purpose.id }, (granted.get(purpose.id) ?? 0) / subjects);
    },
  });
  new Gauge({
    name: 'candor_model_info',
    help: 'The model this process serves: 1 for its id and algorithm (absent while none is trained)',
    labelNames: ['model_id', 'algorithm'],
    registers,
    collect() {
      this.reset();
      const model = ctx.serving.model;
      if (model) this.set({ model_id: model.manifest.id, algorithm: model.manifest.algorithm }, 1);
    },
  });
  // Alerts are never deleted, so their stored count is a counter, whichever process raised them.
  const alertsSeen = new Map<string, number>();
  new Counter({
    name: 'candor_alerts_total',
    help: 'Monitoring alerts raised (stored), by kind (drift, fairness)',
    labelNames: ['kind'],
    registers,
    async collect() {
      for (const [kind, n] of (await figures())?.alertsByKind ?? []) {
        const seen = alertsSeen.get(kind) ?? 0;
        if (n > seen) this.inc({ kind }, n - seen);
        alertsSeen.set(kind, Math.max(seen, n));
      }
    },
  });
  const driftGauge = (name: string, measure: 'psi' | 'js', help: string) =>
    new Gauge({
      name,
      help,
      labelNames: ['distribution'],
      registers,
      async collect() {
        const report = (await figures())?.latestDrift;
        this.reset();
        for (const d of report?.distributions ?? []) {
          const value = d[measure];
          if (value !== null) this.set({ distribution: d.name }, value);
        }
      },
    });
  driftGauge(
    'candor_drift_psi',
    'psi',
    'Population stability index of each distribution in the last drift run',
  );
  driftGauge(
    'candor_drift_js',
    'js',
    'Jensen-Shannon divergence (bits) of each distribution in the last drift run',
  );
  new Gauge({
    name: 'candor_drift_last_run_timestamp_seconds',
    help: 'When the last drift run finished (Unix time)',
    registers,
    async collect() {
      const report = (await figures())?.latestDrift;
      this.reset();
      if (report) this.set(Date.parse(report.createdAt) / 1000);
    },
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
