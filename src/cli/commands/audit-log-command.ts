import type { Command } from 'commander';
import { type AuditHead, auditHead } from '../../governance/audit/audit-head.js';
import { verifyAuditLog } from '../../governance/audit/verify-audit-log.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

/** `<seq>:<hash>`, as `candor audit-log head` prints it. */
function anchorOption(value: string): AuditHead {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match || !Number.isSafeInteger(Number(match[1]))) {
    throw new CliError(`--anchor must be <seq>:<64 hex digits> (got '${value}')`, EXIT.usage);
  }
  return { seq: Number(match[1]), hash: match[2] as string };
}

export function registerAuditLogCommand(program: Command): void {
  const auditLog = program.command('audit-log').description('the tamper-evident audit log');

  auditLog
    .command('verify')
    .description('recompute the hash chain; exit 3 at the first broken entry')
    .option(
      '--anchor <seq:hash>',
      'a head printed earlier by `audit-log head`: also detects entries removed from the end',
      anchorOption,
    )
    .action(async (options: { anchor?: AuditHead }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const result = await verifyAuditLog(store, { anchor: options.anchor });
        if (!result.ok) {
          const { seq, reason } = result.firstBroken;
          throw new CliError(
            `audit log broken at seq ${seq}: ${reason} (${result.entries} entries before it verified)`,
            EXIT.data,
          );
        }
        ctx.result(
          { ok: true, entries: result.entries, head: result.head, anchored: options.anchor !== undefined },
          `Audit log intact: ${result.entries} entries checked` +
            `${options.anchor ? `, anchor at seq ${options.anchor.seq} present` : ''}; ` +
            `head ${result.head.seq}:${result.head.hash}`,
        );
      });
    });

  auditLog
    .command('head')
    .description('print the last entry (seq and hash): keep it elsewhere to pass as verify --anchor')
    .action(async (_options, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const head = await auditHead(store);
        ctx.result(head, `${head.seq}:${head.hash}`);
      });
    });
}
