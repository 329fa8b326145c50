import type { Command } from 'commander';
import { decideQuarantine, QuarantineDecisionError } from '../../redteam/quarantine/decide-quarantine.js';
import {
  QUARANTINE_STATUSES,
  type QuarantineEntry,
  QuarantineRepository,
  type QuarantineStatus,
} from '../../redteam/quarantine/quarantine-repository.js';
import { scanProfilesAudited } from '../../redteam/quarantine/scan-profiles.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { contextFor, intOption, numberOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { profileScanText } from './profile-scan-text.js';

/** An entry as the CLI shows it: the viewer by pseudonym, never by subject id. */
const shown = (entry: QuarantineEntry, pseudonymOf: (id: string) => string) => {
  const { subjectId, dataSeq: _dataSeq, ...rest } = entry;
  return { ...rest, subject: pseudonymOf(subjectId) };
};

export function registerQuarantineCommand(program: Command): void {
  const quarantine = program
    .command('quarantine')
    .description('viewer profiles suspected fake (shilling): scan the store, list, release or confirm');

  quarantine
    .command('scan')
    .description(
      'score every profile and quarantine the suspicious ones until a curator reviews them (audited)',
    )
    .option(
      '--threshold <z>',
      'flag at this many robust standard deviations (default 3)',
      numberOption('threshold', 0.1, 100),
    )
    .option('--min-profiles <n>', 'scan nothing below this many profiles', intOption('min-profiles', 1))
    .action(async (options: { threshold?: number; minProfiles?: number }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const result = await scanProfilesAudited(store, {
          actor: cliActor(),
          ...(options.threshold === undefined ? {} : { detector: { threshold: options.threshold } }),
          ...(options.minProfiles === undefined ? {} : { minProfiles: options.minProfiles }),
        });
        ctx.result(result, profileScanText(result));
      });
    });

  quarantine
    .command('list')
    .description('quarantine entries, newest first (viewers by pseudonym)')
    .option('--status <status>', `only ${QUARANTINE_STATUSES.join(', ')}`)
    .option('--limit <n>', 'at most this many', intOption('limit', 1, 10_000), 100)
    .action(async (options: { status?: string; limit: number }, command: Command) => {
      const ctx = contextFor(command);
      if (
        options.status !== undefined &&
        !(QUARANTINE_STATUSES as readonly string[]).includes(options.status)
      )
        throw new CliError(`--status must be one of ${QUARANTINE_STATUSES.join(', ')}`, EXIT.usage);
      await ctx.withStore(async (store) => {
        const { pseudonymizer } = authForStore(ctx.config, store);
        const entries = await new QuarantineRepository(store.db).list({
          ...(options.status ? { status: options.status as QuarantineStatus } : {}),
          limit: options.limit,
        });
        const rows = entries.map((entry) => shown(entry, (id) => pseudonymizer.of(id)));
        ctx.result(
          { entries: rows },
          rows.length === 0
            ? 'No quarantine entries.'
            : rows
                .map(
                  (r) =>
                    `${r.id}  ${r.status.padEnd(11)} score ${r.score.toFixed(2)}  ${r.subject}  ${r.createdAt}`,
                )
                .join('\n'),
        );
      });
    });

  for (const [name, decision] of [
    ['release', 'release'],
    ['confirm', 'confirm'],
  ] as const) {
    quarantine
      .command(name)
      .description(
        decision === 'release'
          ? 'let a quarantined profile back into training (from the next training on)'
          : 'confirm a quarantined profile as fake: it stays out of training',
      )
      .argument('<id>', 'the quarantine entry id (from `candor quarantine list`)')
      .action(async (id: string, _options: unknown, command: Command) => {
        const ctx = contextFor(command);
        await ctx.withStore(async (store) => {
          const { pseudonymizer, audit } = authForStore(ctx.config, store);
          try {
            const { entry, previous } = await decideQuarantine(store, audit, {
              id,
              decision,
              actor: cliActor(),
            });
            ctx.result(
              shown(entry, (s) => pseudonymizer.of(s)),
              `${id}: ${previous} -> ${entry.status}`,
            );
          } catch (error) {
            if (error instanceof QuarantineDecisionError) throw new CliError(error.message, EXIT.usage);
            throw error;
          } finally {
            await audit.close();
          }
        });
      });
  }
}
