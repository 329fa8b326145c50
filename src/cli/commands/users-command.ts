import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { AuthError } from '../../server/auth/auth-service.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { isRole, ROLES, type Role } from '../../server/auth/roles.js';
import type { Store } from '../../store/open-store.js';
import { auditSubjectTag } from '../../privacy/audit-subject-tag.js';
import { contextFor, intOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

const collectRoles = (value: string, previous: Role[] = []): Role[] => {
  if (!isRole(value))
    throw new CliError(`--role must be one of ${ROLES.join(', ')} (got '${value}')`, EXIT.usage);
  return [...previous, value];
};

/** A generated password: 24 characters of base64url (144 bits). */
export const generatedPassword = (): string => randomBytes(18).toString('base64url');

function toCliError(error: unknown): never {
  if (error instanceof AuthError) throw new CliError(error.message, EXIT.usage);
  throw error;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A viewer by public id or by external id (what imports and the demo print). */
async function subjectIdOf(store: Store, viewer: string): Promise<string> {
  const row = await store.db
    .selectFrom('subjects')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', viewer), eb('external_id', '=', viewer)]))
    .executeTakeFirst();
  if (!row) throw new CliError(`--viewer: no viewer with id or external id '${viewer}'`, EXIT.data);
  return row.id;
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('sign-in accounts and their roles');
  users
    .command('add <username>')
    .description('create an account (prints a generated password once unless --password-stdin)')
    .requiredOption('--role <role>', `a role (repeatable): ${ROLES.join(', ')}`, collectRoles)
    .option('--viewer <id>', 'for a viewer account: the viewer it is (id or external id)')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (
        username: string,
        options: { role: Role[]; viewer?: string; passwordStdin?: boolean },
        command: Command,
      ) => {
        const ctx = contextFor(command);
        const password = options.passwordStdin ? await readStdin() : generatedPassword();
        await ctx.withStore(async (store) => {
          const { auth, audit, pseudonymizer } = authForStore(ctx.config, store);
          try {
            const subjectId = options.viewer ? await subjectIdOf(store, options.viewer) : undefined;
            const account = await auth
              .createAccount({ username, password, roles: options.role, subjectId })
              .catch(toCliError);
            await audit.append({
              actor: cliActor(),
              action: 'users.create',
              target: account.id,
              subject: subjectId ? pseudonymizer.of(subjectId) : null,
              outcome: 'success',
              detail: { roles: account.roles },
            });
            const shown = options.passwordStdin ? {} : { password };
            ctx.result(
              { ...account, ...shown },
              `Created ${account.username} (${account.roles.join(', ')}) ${account.id}` +
                (options.passwordStdin ? '' : `\nPassword (shown once): ${password}`),
            );
          } finally {
            await audit.close();
          }
        });
      },
    );

  users
    .command('add-profile <username>')
    .description("add a viewer's profile (a teen's, a child's) to a viewer account's household")
    .requiredOption('--viewer <id>', 'the profile to add (id or external id)')
    .action(async (username: string, options: { viewer: string }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { auth, audit } = authForStore(ctx.config, store);
        try {
          const account = await auth.accounts.getWithHash(username);
          if (!account?.subjectId) {
            throw new CliError(`no viewer account named '${username}'`, EXIT.usage);
          }
          const subjectId = await subjectIdOf(store, options.viewer);
          await auth.households.add(account.id, subjectId).catch((error: Error) => {
            throw new CliError(`cannot add the profile: ${error.message}`, EXIT.usage);
          });
          await audit.append({
            actor: cliActor(),
            action: 'users.add-profile',
            target: account.id,
            subject: await auditSubjectTag(store.keyring, subjectId),
            outcome: 'success',
          });
          const profiles = await auth.households.of(account.id);
          ctx.result(
            { account: account.id, profiles },
            `${username} may now act as: ${profiles.map((p) => `${p.profileKind} ${p.subjectId}`).join(', ')}`,
          );
        } finally {
          await audit.close();
        }
      });
    });

  users
    .command('list')
    .description('list accounts')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { auth } = authForStore(ctx.config, store);
        const list = await auth.accounts.list();
        ctx.result(
          { users: list },
          list
            .map((a) => `${a.id}  ${a.username}  ${a.roles.join(',')}${a.disabled ? '  (disabled)' : ''}`)
            .join('\n') || 'No accounts yet: create one with `candor users add <name> --role admin`.',
        );
      });
    });

  const keys = program.command('keys').description('API keys for services');
  keys
    .command('create <name>')
    .description('create an API key (printed once)')
    .requiredOption('--role <role>', `a role (repeatable): ${ROLES.join(', ')}`, collectRoles)
    .option('--expires-days <n>', 'days until the key expires', intOption('expires-days', 1, 3650))
    .action(async (name: string, options: { role: Role[]; expiresDays?: number }, command: Command) => {
      const ctx = contextFor(command);
      if (name.trim().length === 0 || name.length > 100)
        throw new CliError('the key name must be 1 to 100 characters', EXIT.usage);
      await ctx.withStore(async (store) => {
        const { auth, audit } = authForStore(ctx.config, store);
        try {
          const expiresAt = options.expiresDays
            ? new Date(Date.now() + options.expiresDays * 86_400_000)
            : undefined;
          const { key, record } = await auth
            .createApiKey({ name, roles: options.role, createdBy: cliActor(), expiresAt })
            .catch(toCliError);
          await audit.append({
            actor: cliActor(),
            action: 'keys.create',
            target: record.id,
            outcome: 'success',
            detail: { roles: record.roles },
          });
          ctx.result(
            { key, apiKey: record },
            `Created API key ${record.id} (${record.roles.join(', ')})\nKey (shown once): ${key}`,
          );
        } finally {
          await audit.close();
        }
      });
    });

  keys
    .command('revoke <id>')
    .description('revoke an API key')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { auth, audit } = authForStore(ctx.config, store);
        try {
          const revoked = await auth.revokeApiKey(id);
          await audit.append({
            actor: cliActor(),
            action: 'keys.revoke',
            target: id,
            outcome: revoked ? 'success' : 'failure',
          });
          if (!revoked) throw new CliError(`no live API key with id '${id}'`, EXIT.data);
          ctx.result({ revoked: id }, `Revoked ${id}`);
        } finally {
          await audit.close();
        }
      });
    });
}
