import { runRetention } from '../privacy/retention/run-retention.js';
import type { ApiApp, ApiContext } from './api-context.js';

/** How often the server purges expired data; `candor retention run` does the same on demand. */
export const RETENTION_INTERVAL_MS = 6 * 3_600_000;

/**
 * Runs the policy's retention purge every six hours while the server is up (the first run one interval
 * after start, so tests and short-lived servers are not surprised). Failures are logged, never fatal.
 */
export function scheduleRetention(app: ApiApp, ctx: ApiContext): void {
  const timer = setInterval(() => {
    runRetention(ctx.store, ctx.policy.policy.privacy.retention, { clock: ctx.clock, audit: ctx.audit }).then(
      (report) => app.log.info({ retention: report.purged }, 'retention run'),
      (error: unknown) => app.log.error({ err: error }, 'retention run failed'),
    );
  }, RETENTION_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
