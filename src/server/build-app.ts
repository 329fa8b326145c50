import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config/config-schema.js';
import type { Store } from '../store/open-store.js';
import { registerProblemDetails } from './plugins/app/problem-details.js';
import { registerHealthz } from './routes/healthz/index.js';
import type { ServingModel } from './serving-model.js';

export interface AppDependencies {
  config: Config;
  store: Store;
  version: string;
  /** The production model; absent in tests that need no model. */
  serving?: ServingModel;
}

/** Personal and secret fields never reach the log. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.displayName',
  '*.token',
];

/** Builds the HTTP app in layers: external plugins, then app plugins, then routes. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    // Logs go to stderr: stdout belongs to the CLI's result (one JSON object with --json).
    logger: {
      level: deps.config.log.level,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      stream: process.stderr,
    },
    bodyLimit: deps.config.server.bodyLimitBytes,
    return503OnClosing: true,
  });
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: true } });
  registerProblemDetails(app);
  registerHealthz(app, { store: deps.store, version: deps.version, serving: deps.serving });
  return app;
}
