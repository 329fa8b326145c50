import type { Command } from 'commander';
import { rotateMasterKey, MasterKeyRotationError } from '../../privacy/keyring/rotate-master-key.js';
import { PseudonymRotationError, rotatePseudonymSecret } from '../../privacy/rotate-pseudonym-secret.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

export function registerSecretsCommand(program: Command): void {
  // `candor keys` manages API keys; these are the secrets that protect the data itself.
  const keys = program
    .command('secrets')
    .description('the master key that wraps viewers’ data keys, and the pseudonym secret');

  keys
    .command('status')
    .description('how many data keys each master key wraps, and whether each is loaded')
    .action(async (_options: object, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const usage = await store.keyring.countByMasterKey();
        ctx.result(
          { masterKeys: usage },
          usage.length === 0
            ? 'No data keys yet.'
            : usage
                .map(
                  (u) =>
                    `${u.masterKeyId}: ${u.subjects} data keys${u.current ? ' (current)' : ''}` +
                    `${u.loaded ? '' : ' NOT LOADED: these viewers’ personal fields cannot be read'}`,
                )
                .join('\n'),
        );
      });
    });

  keys
    .command('rotate-master')
    .description(
      're-wrap every data key under a new master key (rows are not re-encrypted); generates the key when ' +
        'Candor manages it, else pass --new-key-file',
    )
    .option('--new-key-file <file>', 'a new 32-byte base64 key (mode 600) to move every data key onto')
    .action(async (options: { newKeyFile?: string }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { audit } = authForStore(ctx.config, store);
        try {
          const rotation = await rotateMasterKey(
            store.keyring,
            {
              dataDir: ctx.config.dataDir,
              keyFile: ctx.config.masterKeyFile,
              previousKeyFiles: ctx.config.previousMasterKeyFiles,
            },
            { newKeyFile: options.newKeyFile },
          );
          await audit.append({
            actor: cliActor(),
            action: 'keys.rotate_master',
            outcome: 'success',
            detail: { from: rotation.from, to: rotation.to, rewrapped: rotation.rewrapped },
          });
          ctx.result(
            rotation,
            [
              `Master key rotated to ${rotation.to}: ${rotation.rewrapped} data keys re-wrapped ` +
                `(${rotation.alreadyCurrent} already under it); rows untouched.`,
              `The key is in ${rotation.keyFile}.`,
              ...rotation.nextSteps.map((step) => `Next: ${step}.`),
            ].join('\n'),
          );
        } catch (error) {
          if (error instanceof MasterKeyRotationError) throw new CliError(error.message, EXIT.usage);
          if (error instanceof Error && /^(cannot re|master key file|cannot read)/.test(error.message))
            throw new CliError(error.message, EXIT.usage);
          throw error;
        } finally {
          await audit.close?.();
        }
      });
    });

  keys
    .command('rotate-pseudonym')
    .description(
      'replace the secret behind pseudonyms and move stored pseudonyms onto it (stop the service first)',
    )
    .action(async (_options: object, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { audit } = authForStore(ctx.config, store);
        try {
          const rotation = await rotatePseudonymSecret(store, ctx.config.dataDir);
          await audit.append({
            actor: cliActor(),
            action: 'keys.rotate_pseudonym',
            outcome: 'success',
            detail: { ...rotation },
          });
          ctx.result(
            rotation,
            `Pseudonym secret rotated: ${rotation.decisionRecords} decision records of ${rotation.subjects} ` +
              `viewers moved to their new pseudonyms (${rotation.orphanedRecords} records of erased viewers left ` +
              'unlinkable). Restart the service.',
          );
        } catch (error) {
          if (error instanceof PseudonymRotationError) throw new CliError(error.message, EXIT.usage);
          throw error;
        } finally {
          await audit.close?.();
        }
      });
    });
}
