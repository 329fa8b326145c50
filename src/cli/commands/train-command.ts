import type { Command } from 'commander';
import { algorithmNamed, algorithmNames, paramsFor } from '../../models/algorithms.js';
import { trainModel } from '../../models/train-model.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { parseParamsOption } from './params-option.js';

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('fit a model on the interactions in the store and write its artifact')
    .option('--algo <name>', `algorithm: ${algorithmNames().join(', ')}`, 'popularity')
    .option('--params <json>', 'algorithm parameters as JSON, e.g. \'{"lambda": 300}\' (defaults otherwise)')
    .option('--production', 'name the new model production')
    .action(async (options: { algo: string; params?: string; production?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      let params: Record<string, unknown>;
      try {
        params = paramsFor(algorithmNamed(options.algo), parseParamsOption(options.params));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
      const { manifest, seconds } = await ctx
        .withStore((store) =>
          trainModel(store, ctx.config.dataDir, {
            algorithm: options.algo,
            params,
            ...(options.production ? { alias: 'production' } : {}),
            context: { progress: (fraction, phase) => bar.update(Math.round(fraction * 100), phase) },
          }),
        )
        .finally(() => bar.stop());
      ctx.result(
        { ...manifest, seconds: Number(seconds.toFixed(3)) },
        `Trained ${manifest.algorithm} model ${manifest.id} on ${manifest.data.events} events in ${seconds.toFixed(2)}s` +
          (options.production ? ' (now production)' : ''),
      );
    });
}
