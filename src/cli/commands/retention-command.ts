import type { Command } from 'commander';
import { z } from 'zod';
import { loadPolicy } from '../../config/load-policy.js';
import { runRetention } from '../../privacy/retention/run-retention.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

export function registerRetentionCommand(program: Command): void {
  const retention = program.command('retention').description('data retention limits of the policy');
  retention
    .command('run')
    .description(
      'purge what the policy’s retention limits say has expired (the server also does it every 6 hours)',
    )
    .option('--now <time>', 'ISO 8601 time to treat as now (to preview or replay a purge)')
    .action(async (options: { now?: string }, command: Command) => {
      const ctx = contextFor(command);
      const parsed = z.iso.datetime({ offset: true }).safeParse(options.now ?? new Date().toISOString());
      if (!parsed.success)
        throw new CliError('--now must be an ISO 8601 time, e.g. 2026-11-21T00:00:00Z', EXIT.usage);
      const now = new Date(parsed.data);
      const limits = loadPolicy(ctx.config.dataDir, ctx.config.policyFile).policy.privacy.retention;
      await ctx.withStore(async (store) => {
        const { audit } = authForStore(ctx.config, store);
        try {
          const report = await runRetention(store, limits, { clock: () => now, audit, actor: cliActor() });
          ctx.result(
            report,
            `Retention run as of ${report.ranAt}: ` +
              Object.entries(report.purged)
                .map(([kind, n]) => `${kind} ${n}`)
                .join(', '),
          );
        } finally {
          await audit.close?.();
        }
      });
    });
}
