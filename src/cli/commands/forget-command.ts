import type { Command } from 'commander';
import { eraseSubject, UnknownSubjectError } from '../../privacy/erasure/erase-subject.js';
import type { ErasureCertificate } from '../../privacy/erasure/erasure-certificate.js';
import { authForStore, cliActor } from '../../server/auth/cli-auth.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

function summary(certificate: ErasureCertificate): string {
  const rows = Object.entries(certificate.rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  const models = certificate.models.map((model) => {
    const check = model.verification
      ? `; verified against a retrain: max |score difference| ${model.verification.maxAbsScoreDifference.toExponential(2)} ` +
        `(${model.verification.passed ? 'within' : 'ABOVE'} ${model.verification.tolerance})`
      : '';
    return `  ${model.alias}: ${model.before} -> ${model.after ?? 'none'} (${model.method}, ${(model.seconds * 1000).toFixed(1)} ms${check})`;
  });
  return [
    `Erased. Certificate ${certificate.id} is in the audit log.`,
    `Rows deleted: ${rows || 'none'}; data key ${certificate.dataKeyShredded ? 'shredded' : 'absent'}.`,
    `Storage: ${certificate.storage}.`,
    ...(models.length ? ['Models:', ...models] : ['No model held the subject’s influence.']),
    ...(certificate.retiredArtifacts.length
      ? [`Retired older versions (weights deleted): ${certificate.retiredArtifacts.join(', ')}`]
      : []),
  ].join('\n');
}

export function registerForgetCommand(program: Command): void {
  program
    .command('forget')
    .description(
      'erase a viewer everywhere (right to be forgotten): rows, data key, model influence; prints the certificate',
    )
    .argument('<subject>', "the viewer's Candor id or the external id it was imported with")
    .option(
      '--no-verify',
      'skip retraining each unlearned model to check it (faster; the certificate says so)',
    )
    .action(async (subject: string, options: { verify: boolean }, command: Command) => {
      const ctx = contextFor(command);
      await ctx.withStore(async (store) => {
        const { pseudonymizer, audit } = authForStore(ctx.config, store);
        try {
          const certificate = await eraseSubject(
            { store, dataDir: ctx.config.dataDir, pseudonymizer, audit },
            subject,
            { actor: cliActor(), verify: options.verify },
          );
          ctx.result(certificate, summary(certificate));
          const failed = certificate.models.some((model) => model.verification && !model.verification.passed);
          if (failed)
            throw new CliError('an unlearned model differs from its retrain beyond the tolerance', EXIT.data);
        } catch (error) {
          if (error instanceof UnknownSubjectError) throw new CliError(error.message, EXIT.usage);
          throw error;
        } finally {
          await audit.close?.();
        }
      });
    });
}
