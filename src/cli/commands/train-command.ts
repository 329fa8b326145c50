import type { Command } from 'commander';
import { ALGORITHMS, type Algorithm, trainModel } from '../../models/train-model.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('fit a model on the interactions in the store and write its artifact')
    .option('--algo <name>', `algorithm: ${ALGORITHMS.join(', ')}`, 'popularity')
    .option('--production', 'name the new model production')
    .action(async (options: { algo: string; production?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      if (!(ALGORITHMS as readonly string[]).includes(options.algo)) {
        throw new CliError(
          `--algo must be one of ${ALGORITHMS.join(', ')} (got '${options.algo}')`,
          EXIT.usage,
        );
      }
      const { manifest, seconds } = await ctx.withStore((store) =>
        trainModel(store, ctx.config.dataDir, {
          algorithm: options.algo as Algorithm,
          ...(options.production ? { alias: 'production' } : {}),
        }),
      );
      ctx.result(
        { ...manifest, seconds: Number(seconds.toFixed(3)) },
        `Trained ${manifest.algorithm} model ${manifest.id} on ${manifest.data.events} events in ${seconds.toFixed(2)}s` +
          (options.production ? ' (now production)' : ''),
      );
    });
}
