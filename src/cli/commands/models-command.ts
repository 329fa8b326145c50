import type { Command } from 'commander';
import { loadPolicy } from '../../config/load-policy.js';
import { PolicyError } from '../../config/serving-policy.js';
import { aliasHistory, MODEL_ALIASES } from '../../governance/registry/alias-history.js';
import type { GateReport } from '../../governance/registry/gate-report.js';
import { modelCardMarkdown } from '../../governance/registry/model-card-markdown.js';
import { promote, rollback } from '../../governance/registry/production-moves.js';
import { RegistryError } from '../../governance/registry/registry-error.js';
import { type GateDeps, runGate } from '../../governance/registry/run-gate.js';
import { signOff } from '../../governance/registry/sign-off.js';
import { aliasesOf, versionCard, versionDetails } from '../../governance/registry/version-details.js';
import { isRetired, listManifests, readAliases } from '../../models/model-artifact.js';
import { safetyGatewayFor } from '../../safety/gateway/gateway-for.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { decoyHash, verifyPassword } from '../../server/auth/password-hashing.js';
import { isRole, ROLES } from '../../server/auth/roles.js';
import { systemClock } from '../../store/ids.js';
import { type CliContext, contextFor, intOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';

/** A refusal's exit code: a wrong argument is a usage error; the registry's state refusing it, a data error. */
const EXIT_OF = { invalid: EXIT.usage, forbidden: EXIT.usage, 'not-found': EXIT.data, conflict: EXIT.data };

function toCliError(error: unknown): never {
  if (error instanceof RegistryError) {
    const field = error.field === 'role' ? '--role: ' : '';
    throw new CliError(`${field}${error.message}`, EXIT_OF[error.kind]);
  }
  throw error;
}

/** Opens the store and everything the registry needs, the same pieces the server builds, closed after. */
async function withRegistry<T>(ctx: CliContext, work: (deps: GateDeps) => Promise<T>): Promise<T> {
  let policy;
  try {
    policy = loadPolicy(ctx.config.dataDir, ctx.config.policyFile);
  } catch (error) {
    if (error instanceof PolicyError) throw new CliError(error.message, EXIT.data);
    throw error;
  }
  return ctx.withStore(async (store) => {
    const { audit } = authForStore(ctx.config, store);
    try {
      const safety = safetyGatewayFor({ config: ctx.config, policy: policy.policy.safety, store, audit });
      const deps = { store, dataDir: ctx.config.dataDir, policy, audit, clock: systemClock, safety };
      return await work(deps).catch(toCliError);
    } finally {
      await audit.close();
    }
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function gateText(report: GateReport): string {
  const mark = (passed: boolean, skipped: string | null) => (skipped ? 'skip' : passed ? 'pass' : 'FAIL');
  return [
    `Gate ${report.id} on ${report.modelId}: ${report.passed ? 'passed' : 'FAILED'} (${report.policyVersion}, ` +
      `compared with ${report.baselineId ?? 'no production model'})`,
    ...report.checks.map(
      (c) =>
        `  ${mark(c.passed, c.skipped)}  ${c.id}  ${c.skipped ?? `${c.value} (${c.comparison} ${c.threshold})`}`,
    ),
    report.passed
      ? `Next: sign-off by ${report.requiredSignoffs.join(' and ')} (candor models signoff ${report.modelId} --role ROLE --user NAME)`
      : 'It cannot be signed off or promoted; fix what failed, train a new candidate, and run the gate again.',
  ].join('\n');
}

const idOption = (value: string) => value.trim();

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description(
      'the model registry: versions and lineage, the promotion gate, sign-offs, rollback, model cards',
    );

  models
    .command('list')
    .description('trained versions, newest first, with their aliases')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command);
      const dataDir = ctx.config.dataDir;
      const aliases = readAliases(dataDir);
      const list = listManifests(dataDir).map((m) => ({
        id: m.id,
        algorithm: m.algorithm,
        createdAt: m.createdAt,
        parent: m.parent,
        aliases: aliasesOf(m.id, aliases),
        retired: isRetired(dataDir, m.id),
      }));
      ctx.result(
        { models: list },
        list
          .map(
            (m) =>
              `${m.id}  ${m.algorithm.padEnd(10)} ${m.createdAt}  ${m.aliases.join(',')}${m.retired ? ' (retired)' : ''}`,
          )
          .join('\n') || 'No trained models yet: `candor train`.',
      );
    });

  models
    .command('show <id>')
    .description(
      'one version: manifest, lineage, latest gate report, sign-offs, and what promotion still needs',
    )
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      await withRegistry(ctx, async (deps) => {
        const details = await versionDetails(deps, idOption(id));
        const { manifest, gate, promotion } = details;
        ctx.result(
          details,
          [
            `${manifest.id}  ${manifest.algorithm}  trained ${manifest.createdAt}  ${details.aliases.join(', ') || 'no alias'}`,
            `data: ${manifest.data.events} events, ${manifest.data.viewers} viewers, ${manifest.data.items} items; snapshot ${manifest.data.snapshotHash}`,
            `lineage: ${details.ancestors.map((a) => a.id).join(' <- ') || 'no parent'}`,
            gate
              ? `gate ${gate.id}: ${gate.passed ? 'passed' : 'failed'} ${gate.createdAt}${gate.current ? '' : ' (under an earlier policy)'}`
              : 'gate: not run yet',
            `sign-offs: ${details.signoffs.map((s) => s.role).join(', ') || 'none'}`,
            promotion.ready ? 'ready to promote' : `not ready to promote: ${promotion.blockers.join('; ')}`,
          ].join('\n'),
        );
      });
    });

  models
    .command('gate <id>')
    .description(
      "run the promotion gate on a version: the policy's checks against production, stored with the version " +
        '(exits 0 when it ran; the report says whether it passed)',
    )
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
      try {
        await withRegistry(ctx, async (deps) => {
          const context = { progress: (f: number, phase: string) => bar.update(Math.round(f * 100), phase) };
          const report = await runGate({ ...deps, context }, idOption(id), cliActor());
          bar.stop();
          ctx.result(report, gateText(report));
        });
      } finally {
        bar.stop();
      }
    });

  models
    .command('signoff <id>')
    .description(
      "sign off a version's latest passing gate report in one role (the password from CANDOR_PASSWORD or --password-stdin)",
    )
    .requiredOption('--role <role>', 'the role you sign in, one the policy requires (e.g. analyst, auditor)')
    .requiredOption('--user <username>', 'your account: you must hold the role')
    .option('--password-stdin', 'read the password from standard input')
    .option('--comment <text>', 'what you checked')
    .action(
      async (
        id: string,
        options: { role: string; user: string; passwordStdin?: boolean; comment?: string },
        command: Command,
      ) => {
        const ctx = contextFor(command);
        if (!isRole(options.role))
          throw new CliError(`--role must be one of ${ROLES.join(', ')} (got '${options.role}')`, EXIT.usage);
        const password = options.passwordStdin ? await readStdin() : process.env.CANDOR_PASSWORD;
        if (!password)
          throw new CliError('give the password in CANDOR_PASSWORD or with --password-stdin', EXIT.usage);
        await withRegistry(ctx, async (deps) => {
          const { auth } = authForStore(ctx.config, deps.store);
          const account = await auth.accounts.getWithHash(options.user);
          // The same work whether or not the account exists: the answer does not tell which.
          const valid = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
          if (!account || !account.passwordHash || !valid || account.disabled)
            throw new CliError('--user: unknown username or wrong password', EXIT.usage);
          const signoff = await signOff(
            deps,
            { modelId: idOption(id), role: options.role, comment: options.comment },
            { accountId: account.id, roles: account.roles, actor: `account:${account.id}`, via: cliActor() },
          );
          ctx.result(signoff, `Signed off ${signoff.modelId} as ${signoff.role} (gate ${signoff.gateId})`);
        });
      },
    );

  models
    .command('promote <id>')
    .description('promote a version to production (the policy may require a passing gate and its sign-offs)')
    .option('--reason <text>', 'why, for the history')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const ctx = contextFor(command);
      await withRegistry(ctx, async (deps) => {
        const moved = await promote(deps, idOption(id), cliActor(), options.reason);
        ctx.result(
          moved,
          `Promoted ${moved.production} to production (was ${moved.previous ?? 'none'}); a running server picks it up within seconds`,
        );
      });
    });

  models
    .command('rollback')
    .description('return production to the version that served before the current one')
    .requiredOption('--reason <text>', 'why, for the history')
    .action(async (options: { reason: string }, command: Command) => {
      const ctx = contextFor(command);
      if (options.reason.trim() === '') throw new CliError('--reason must not be empty', EXIT.usage);
      await withRegistry(ctx, async (deps) => {
        const moved = await rollback(deps, cliActor(), options.reason.trim());
        ctx.result(moved, `Rolled production back to ${moved.production} (was ${moved.previous ?? 'none'})`);
      });
    });

  models
    .command('history')
    .description('every move of the candidate and production aliases, newest first')
    .option('--alias <alias>', `only one alias: ${MODEL_ALIASES.join(', ')}`)
    .option('--limit <n>', 'at most this many', intOption('limit', 1, 10_000), 100)
    .action(async (options: { alias?: string; limit: number }, command: Command) => {
      const ctx = contextFor(command);
      if (options.alias && !(MODEL_ALIASES as readonly string[]).includes(options.alias))
        throw new CliError(`--alias must be one of ${MODEL_ALIASES.join(', ')}`, EXIT.usage);
      await withRegistry(ctx, async (deps) => {
        const events = await aliasHistory(deps.store.db, { alias: options.alias, limit: options.limit });
        ctx.result(
          { events },
          events
            .map(
              (e) =>
                `${e.at}  ${e.alias.padEnd(10)} ${e.action.padEnd(9)} ${e.modelId ?? '-'} (was ${e.previousId ?? 'none'})  ${e.actor}` +
                (e.reason ? `  "${e.reason}"` : ''),
            )
            .join('\n') || 'No alias has moved yet.',
        );
      });
    });

  models
    .command('card <id>')
    .description("a version's model card (Mitchell et al.) from its manifest, gate report and sign-offs")
    .option('--format <format>', 'md or json', 'md')
    .action(async (id: string, options: { format: string }, command: Command) => {
      const ctx = contextFor(command);
      if (options.format !== 'md' && options.format !== 'json')
        throw new CliError(`--format must be md or json (got '${options.format}')`, EXIT.usage);
      await withRegistry(ctx, async (deps) => {
        const card = await versionCard(deps, idOption(id));
        ctx.result(card, options.format === 'md' ? modelCardMarkdown(card) : JSON.stringify(card, null, 2));
      });
    });
}
