import type { VersionedPolicy } from '../config/serving-policy.js';
import { type AlertLogger, AlertSink, alertWebhookOf } from '../governance/monitoring/alerts.js';
import { type DriftDeps, MONITORING_ACTOR, runDrift } from '../governance/monitoring/drift.js';
import type { ApiApp, ApiContext } from './api-context.js';

/** How often the server looks whether a drift run is due (the policy's interval is in whole hours). */
export const DRIFT_TICK_MS = 3_600_000;

/** What a drift run needs in this process, under the policy the caller read once. */
export function driftDepsFor(ctx: ApiContext, policy: VersionedPolicy, log: AlertLogger): DriftDeps {
  return {
    store: ctx.store,
    production: ctx.serving.model?.manifest,
    policy: policy.policy.monitoring,
    alerts: new AlertSink({
      db: ctx.store.db,
      audit: ctx.audit,
      log,
      webhook: alertWebhookOf(ctx.config.alerts),
      clock: ctx.clock,
    }),
    audit: ctx.audit,
  };
}

/** Time of the latest drift report, by anyone (the schedule, the API, the CLI, another worker). */
async function latestReportAt(ctx: ApiContext): Promise<number | undefined> {
  const row = await ctx.store.db
    .selectFrom('drift_reports')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .executeTakeFirst();
  return row?.at ? Date.parse(row.at) : undefined;
}

/**
 * Runs the drift comparison while the server is up, every `monitoring.drift.intervalHours` of the policy
 * in force at each tick (0: never). A run is due when no drift report, from this process or another (a
 * cluster worker, `candor drift run`), is younger than the interval; the first tick is one hour after
 * start, so short-lived servers and tests are not surprised. Failures are logged, never fatal.
 */
export function scheduleDrift(app: ApiApp, ctx: ApiContext, options: { tickMs?: number } = {}): void {
  let running: Promise<void> | undefined;
  const tick = async () => {
    const policy = ctx.policy;
    const hours = policy.policy.monitoring.drift.intervalHours;
    if (hours === 0) return;
    const now = ctx.clock();
    const last = await latestReportAt(ctx);
    if (last !== undefined && now.getTime() - last < hours * 3_600_000) return;
    const { report, alerts } = await runDrift(driftDepsFor(ctx, policy, app.log), {
      now,
      actor: MONITORING_ACTOR,
    });
    app.log.info({ driftReport: report.id, alerts: alerts.length }, 'drift run');
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((error: unknown) => app.log.error({ err: error }, 'drift run failed'))
      .finally(() => {
        running = undefined;
      });
  }, options.tickMs ?? DRIFT_TICK_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    // A run in progress finishes before the store closes under it.
    await running;
  });
}
