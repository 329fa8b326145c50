import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config/config-schema.js';
import { type Accountability, accountabilityFor } from '../governance/accountability.js';
import { Pseudonymizer } from '../privacy/pseudonymizer.js';
import { BlocklistRepository } from '../safety/blocklist/blocklist-repository.js';
import { SafetyQueue } from '../safety/curation/safety-queue.js';
import { loadOrCreateSecret } from '../privacy/secret-file.js';
import { type Clock, systemClock } from '../store/ids.js';
import type { Store } from '../store/open-store.js';
import type { ApiApp, ApiContext } from './api-context.js';
import { AuthService } from './auth/auth-service.js';
import type { RouteTableEntry } from './auth/route-access.js';
import './fastify-augment.js';
import { registerAccessControl } from './plugins/app/access-control.js';
import { registerProblemDetails, replyToFrameworkError } from './plugins/app/problem-details.js';
import { registerSecurityHeaders } from './plugins/app/security-headers.js';
import { registerNulRefusal } from './plugins/app/refuse-nul-text.js';
import { registerAuditLogRoutes } from './routes/accountability/audit-log.js';
import { registerDecisionRoutes } from './routes/accountability/decisions.js';
import { registerApiKeyRoutes } from './routes/admin/api-keys.js';
import { registerModelRoutes } from './routes/admin/models.js';
import { registerScorecardRoutes } from './routes/admin/scorecard.js';
import { registerUserRoutes } from './routes/admin/users.js';
import { registerAnalyticsRoutes } from './routes/analytics/summary.js';
import { registerDpAnalyticsRoutes } from './routes/analytics/dp.js';
import { registerPrivacyFiguresRoute } from './routes/analytics/privacy-figures.js';
import { registerSafetyFiguresRoute } from './routes/analytics/safety-figures.js';
import { registerReviewRoutes } from './routes/catalog/reviews.js';
import { registerAskRoutes } from './routes/ask/index.js';
import { registerContentSafetyRoutes } from './routes/safety/content-safety.js';
import { registerCurationRoutes } from './routes/safety/curation.js';
import { registerQuarantineRoutes } from './routes/safety/quarantine.js';
import { registerPiiRoutes } from './routes/safety/pii.js';
import { registerAuthRoutes } from './routes/auth/index.js';
import { registerProfileRoutes } from './routes/auth/profiles.js';
import { registerItemRoutes } from './routes/catalog/items.js';
import { registerHealthz } from './routes/healthz/index.js';
import { registerMetrics } from './routes/metrics/index.js';
import { registerRecommendationRoutes } from './routes/recommendations/index.js';
import { registerWhyRoute } from './routes/recommendations/why.js';
import { registerMainParametersRoute } from './routes/transparency/main-parameters.js';
import { registerPrivacyNoticeRoute } from './routes/transparency/privacy-notice.js';
import { registerEventRoutes } from './routes/viewer/events.js';
import { registerFeedbackRoutes } from './routes/viewer/feedback.js';
import { registerMeRoutes } from './routes/viewer/me.js';
import { registerConsentRoutes } from './routes/viewer/consents.js';
import { registerErasureRoutes } from './routes/viewer/erasure.js';
import { registerExportRoute } from './routes/viewer/export.js';
import { scheduleRetention } from './retention-schedule.js';
import { scheduleDrift } from './monitoring-schedule.js';
import { registerMonitoringRoutes } from './routes/admin/monitoring.js';
import { ConsentRepository } from '../privacy/consent/consent-repository.js';
import { ServingModel } from './serving-model.js';
import { viewerDataCacheFor } from './viewer-data-cache.js';
import { AuditJobs } from './audit-jobs.js';
import { registerAuditRoutes } from './routes/analytics/audits.js';
import { loadPolicy, POLICY_FILE_NAME } from '../config/load-policy.js';
import { join } from 'node:path';
import { LivePolicy } from '../governance/policy/live-policy.js';
import { PolicyHistory } from '../governance/policy/policy-history.js';
import { recordPolicyAtStart } from '../governance/policy/record-policy-at-start.js';
import { policyStateBuilder } from './policy-state.js';
import { registerPolicyRoutes } from './routes/admin/policy.js';
import { registerWebApp } from './routes/web-app/index.js';
import type { VersionedPolicy } from '../config/serving-policy.js';
import { ExposureLedger } from '../pipeline/exposure-ledger.js';
import { ServedExposureTallies } from '../rerank/served-exposure.js';

export interface AppDependencies {
  config: Config;
  store: Store;
  version: string;
  /** The production model; a fresh one reading the data folder when absent. */
  serving?: ServingModel;
  /** The audit log and decision records; built over the store (and closed with the app) when absent. */
  accountability?: Accountability;
  clock?: Clock;
  /** The serving policy; read as the config says (loadPolicy) when absent. */
  policy?: VersionedPolicy;
  /** Where logs go; stderr when absent (tests capture them to prove what never reaches them). */
  logStream?: NodeJS.WritableStream;
}

/** Personal and secret fields never reach the log. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["candor-subject"]',
  'req.headers["ocp-apim-subscription-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.displayName',
  '*.token',
  '*.key',
];

/** Query parameters whose values are never personal; every other value is redacted in the log. */
const LOGGED_QUERY_VALUES = new Set([
  'surface',
  'limit',
  'page',
  'top',
  'confirm',
  'itemId',
  'genre',
  'kind',
]);

/**
 * The request as logged: a subject named in the path (the admin erasure route) and free-text query
 * values (search) are redacted, so the log never holds a subject id or what a viewer typed.
 */
export function redactUrlForLog(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(/(\/subjects\/)[^/]+/g, '$1[redacted]');
  if (query === undefined) return safePath;
  const params = new URLSearchParams(query);
  const kept = [...params].map(([key, value]) =>
    LOGGED_QUERY_VALUES.has(key) ? `${key}=${encodeURIComponent(value)}` : `${key}=[redacted]`,
  );
  return `${safePath}?${kept.join('&')}`;
}

function requestForLog(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: redactUrlForLog(request.url) };
}

export interface BuiltApp {
  app: ApiApp;
  context: ApiContext;
  /** Every route with its declared access, for the authorization matrix. */
  routes: RouteTableEntry[];
}

/**
 * Builds the HTTP app in layers: external plugins (security headers, cookies, rate limits, OpenAPI),
 * app plugins (problem details, access control), then routes. Every route declares its access.
 */
export async function buildApi(deps: AppDependencies): Promise<BuiltApp> {
  const { config, store } = deps;
  const app = Fastify({
    // Logs go to stderr: stdout belongs to the CLI's result (one JSON object with --json).
    logger: {
      level: config.log.level,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      serializers: { req: requestForLog },
      stream: deps.logStream ?? process.stderr,
    },
    bodyLimit: config.server.bodyLimitBytes,
    return503OnClosing: true,
    frameworkErrors: replyToFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const clock = deps.clock ?? systemClock;
  const accountability = deps.accountability ?? accountabilityFor(store, { clock });
  if (!deps.accountability) app.addHook('onClose', () => accountability.close());
  let serving = deps.serving;
  if (!serving) {
    serving = new ServingModel(config.dataDir);
    serving.reload();
  }
  const blocklists = new BlocklistRepository(store.db, clock);
  const livePolicy = new LivePolicy(
    policyStateBuilder({ config, store, blocklists, audit: accountability.audit }),
    deps.policy ?? loadPolicy(config.dataDir, config.policyFile),
  );
  const policyHistory = new PolicyHistory(store.db);
  await recordPolicyAtStart(policyHistory, livePolicy.current.policy, accountability.audit, clock);
  const context: ApiContext = {
    config,
    get policy() {
      return livePolicy.current.policy;
    },
    livePolicy,
    policyHistory,
    policyFile: config.policyFile ?? join(config.dataDir, POLICY_FILE_NAME),
    consents: new ConsentRepository(store.db),
    get purposes() {
      return livePolicy.current.purposes;
    },
    exposureLedger: new ExposureLedger(),
    viewerData: viewerDataCacheFor(store, {
      maxEntries: config.server.viewerCacheEntries,
      maxAgeMs: config.server.viewerCacheSeconds * 1000,
    }),
    servedExposure: new ServedExposureTallies(),
    audits: new AuditJobs(store),
    store,
    version: deps.version,
    clock,
    serving,
    auth: new AuthService(
      store,
      loadOrCreateSecret(config.dataDir, 'token-signing', 'CANDOR_TOKEN_SECRET'),
      {
        sessionTtlSeconds: config.auth.sessionTtlSeconds,
        bearerTtlSeconds: config.auth.bearerTtlSeconds,
        credentialCacheSeconds: config.auth.credentialCacheSeconds,
      },
      clock,
    ),
    pseudonymizer: new Pseudonymizer(
      loadOrCreateSecret(config.dataDir, 'pseudonym', 'CANDOR_PSEUDONYM_SECRET'),
    ),
    audit: accountability.audit,
    decisions: accountability.decisions,
    decisionReader: accountability.decisionReader,
    get safety() {
      return livePolicy.current.safety;
    },
    blocklists,
    safetyQueue: new SafetyQueue(store.db, clock),
  };

  registerSecurityHeaders(app);
  await app.register(cookie);
  registerProblemDetails(app);
  registerNulRefusal(app);
  const routes = registerAccessControl(app, {
    authenticator: context.auth,
    store,
    pseudonymizer: context.pseudonymizer,
    audit: context.audit,
  });
  await app.register(rateLimit, {
    // After authentication, so that the limit is per principal, not per address.
    hook: 'preHandler',
    keyGenerator: (request: FastifyRequest) =>
      request.principal
        ? request.principal.kind === 'account'
          ? `account:${request.principal.accountId}`
          : `api-key:${request.principal.keyId}`
        : `ip:${request.ip}`,
    max: (request: FastifyRequest) =>
      request.principal?.kind === 'api-key' ? config.rateLimit.servicePerMinute : config.rateLimit.perMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => request.routeOptions.url === '/healthz',
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Candor API',
        version: deps.version,
        description:
          'Responsible recommendations for media catalogs. Every route but /healthz needs a session cookie, a bearer token (POST /v1/auth/login) or an API key (Authorization: Bearer candor_key_...). A service key acting for a viewer names the viewer in the Candor-Subject header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'candor_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerHealthz(app, { store, version: deps.version, serving });
  registerMetrics(app, context);
  registerAuthRoutes(app, context);
  registerProfileRoutes(app, context);
  registerUserRoutes(app, context);
  registerApiKeyRoutes(app, context);
  registerModelRoutes(app, context);
  registerScorecardRoutes(app, context);
  registerPolicyRoutes(app, context);
  registerItemRoutes(app, context);
  registerEventRoutes(app, context);
  registerFeedbackRoutes(app, context);
  registerMeRoutes(app, context);
  registerConsentRoutes(app, context);
  registerErasureRoutes(app, context);
  registerExportRoute(app, context);
  registerAnalyticsRoutes(app, context);
  registerDpAnalyticsRoutes(app, context);
  registerPrivacyFiguresRoute(app, context);
  registerSafetyFiguresRoute(app, context);
  registerReviewRoutes(app, context);
  registerAskRoutes(app, context);
  registerContentSafetyRoutes(app, context);
  registerPiiRoutes(app, context);
  registerCurationRoutes(app, context);
  registerQuarantineRoutes(app, context);
  registerAuditRoutes(app, context);
  app.addHook('onClose', () => context.audits.idle());
  const stopViewerDataSweep = context.viewerData.sweepPeriodically();
  app.addHook('onClose', async () => stopViewerDataSweep());
  scheduleRetention(app, context);
  registerMonitoringRoutes(app, context);
  scheduleDrift(app, context);
  registerRecommendationRoutes(app, context);
  registerWhyRoute(app, context);
  registerMainParametersRoute(app, context);
  registerPrivacyNoticeRoute(app, context);
  registerDecisionRoutes(app, context);
  registerAuditLogRoutes(app, context);
  await registerWebApp(app);
  return { app, context, routes };
}
