import type { Command } from 'commander';
import { loadPolicy } from '../../config/load-policy.js';
import { type AlertLogger, AlertSink, alertWebhookOf } from '../../governance/monitoring/alerts.js';
import { runDrift } from '../../governance/monitoring/drift.js';
import type { Alert, DriftReport } from '../../governance/monitoring/drift-report.js';
import { listAlerts } from '../../governance/monitoring/monitoring-reads.js';
import { readAliases, readManifest } from '../../models/model-artifact.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { z } from 'zod';
import { contextFor, intOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

/** Alerts go to stderr as one JSON line each, like the server's log, whatever --json says of stdout. */
const stderrLog: AlertLogger = {
  warn(fields, message) {
    process.stderr.write(
      `${JSON.stringify({ level: 'warn', time: new Date().toISOString(), ...fields, msg: message })}\n`,
    );
  },
};

const figure = (value: number | null) => (value === null ? '-' : value.toFixed(3));

function reportText(report: DriftReport, alerts: readonly Alert[]): string {
  const lines = [
    `Drift report ${report.id}: the ${report.window.days} days to ${report.window.to} (${report.recentEvents} events) ` +
      `against ${report.baseline.description} (${report.baseline.events} events)`,
    ...report.distributions.map(
      (d) =>
        `  ${d.name.padEnd(17)} ${d.status.padEnd(9)} ` +
        (d.reason ?? `PSI ${figure(d.psi)}  JS ${figure(d.js)}`),
    ),
    `  ${'fairness'.padEnd(17)} ${report.fairness.status.padEnd(9)} ` +
      (report.fairness.reason ??
        `exposure ratio ${figure(report.fairness.ratio)} (minimum ${report.fairness.threshold})`),
    alerts.length === 0 ? 'No alert.' : `${alerts.length} alert(s):`,
    ...alerts.map(alertText),
  ];
  return lines.join('\n');
}

const alertText = (alert: Alert) =>
  `  ${alert.createdAt} ${alert.kind} ${alert.severity} ${alert.metric} ${figure(alert.value)} ` +
  `(threshold ${alert.threshold}) webhook: ${alert.delivery}${alert.deliveryError ? ` (${alert.deliveryError})` : ''}`;

export function registerDriftCommand(program: Command): void {
  program
    .command('drift')
    .description('drift of recent traffic against the production model’s training snapshot')
    .command('run')
    .description(
      'compare now, store the report and raise its alerts (log, audit log, webhook); the server runs it on the policy’s interval',
    )
    .option(
      '--window-days <n>',
      'days of recent traffic (default: the policy’s monitoring.drift.windowDays)',
      intOption('window-days', 1, 365),
    )
    .option('--now <time>', 'ISO 8601 time to treat as now (to replay a past window)')
    .action(async (options: { windowDays?: number; now?: string }, command: Command) => {
      const ctx = contextFor(command);
      const parsed = z.iso.datetime({ offset: true }).safeParse(options.now ?? new Date().toISOString());
      if (!parsed.success)
        throw new CliError('--now must be an ISO 8601 time, e.g. 2026-11-21T00:00:00Z', EXIT.usage);
      const now = new Date(parsed.data);
      const policy = loadPolicy(ctx.config.dataDir, ctx.config.policyFile);
      const productionId = readAliases(ctx.config.dataDir).production;
      const production = productionId ? readManifest(ctx.config.dataDir, productionId) : undefined;
      await ctx.withStore(async (store) => {
        const { audit } = authForStore(ctx.config, store);
        try {
          const alerts = new AlertSink({
            db: store.db,
            audit,
            log: stderrLog,
            webhook: alertWebhookOf(ctx.config.alerts),
          });
          const run = await runDrift(
            { store, production, policy: policy.policy.monitoring, alerts, audit },
            { now, windowDays: options.windowDays, actor: cliActor() },
          );
          ctx.result(run, reportText(run.report, run.alerts));
        } finally {
          await audit.close();
        }
      });
    });

  program
    .command('alerts')
    .description('monitoring alerts')
    .command('list')
    .description('the latest alerts, newest first, with their webhook delivery')
    .option('--limit <n>', 'how many (default 20)', intOption('limit', 1, 1000), 20)
    .action(async (options: { limit: number }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const alerts = await listAlerts(store.db, options.limit);
        ctx.result({ alerts }, alerts.length === 0 ? 'No alerts.' : alerts.map(alertText).join('\n'));
      });
    });
}
