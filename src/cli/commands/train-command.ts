import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openImportSource } from '../../import/open-import-source.js';
import { algorithmNamed, algorithmNames, DEFAULT_ALGORITHM, paramsFor } from '../../models/algorithms.js';
import { readDatasetEvents } from '../../models/dataset-events.js';
import { type TrainOptions, trainModel, trainModelOnDataset } from '../../models/train-model.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { parseParamsOption } from './params-option.js';

interface TrainCommandOptions {
  algo: string;
  params?: string;
  data?: string;
  fromStore?: boolean;
  production?: boolean;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('fit a model and write its artifact (from the store by default, or from a dataset folder)')
    .option('--algo <name>', `algorithm: ${algorithmNames().join(', ')}`, DEFAULT_ALGORITHM)
    .option('--params <json>', 'algorithm parameters as JSON, e.g. \'{"lambda": 300}\' (defaults otherwise)')
    .option('--data <dir>', "train on a dataset folder read directly (items keep the dataset's ids)")
    .option('--from-store', 'train on the interactions in the store (the default)')
    .option('--production', 'name the new model production')
    .action(async (options: TrainCommandOptions, command: Command) => {
      const ctx = contextFor(command);
      if (options.data && options.fromStore)
        throw new CliError('give --data or --from-store, not both', EXIT.usage);
      let params: Record<string, unknown>;
      try {
        params = paramsFor(algorithmNamed(options.algo), parseParamsOption(options.params));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
      const train: TrainOptions = {
        algorithm: options.algo,
        params,
        ...(options.production ? { alias: 'production' } : {}),
        context: { progress: (fraction, phase) => bar.update(Math.round(fraction * 100), phase) },
      };
      try {
        const { manifest, seconds } = options.data
          ? await trainOnFolder(options.data, ctx.config.dataDir, train)
          : await ctx.withStore((store) => trainModel(store, ctx.config.dataDir, train));
        bar.stop();
        ctx.result(
          { ...manifest, seconds: Number(seconds.toFixed(3)) },
          `Trained ${manifest.algorithm} model ${manifest.id} on ${manifest.data.events} events in ${seconds.toFixed(2)}s` +
            (options.production ? ' (now production)' : ''),
        );
      } finally {
        bar.stop();
      }
    });
}

async function trainOnFolder(path: string, dataDir: string, train: TrainOptions) {
  let source: Awaited<ReturnType<typeof openImportSource>>;
  try {
    source = await openImportSource(path, {});
  } catch (error) {
    throw new CliError(`--data: ${(error as Error).message}`, EXIT.usage);
  }
  return trainModelOnDataset(dataDir, await readDatasetEvents(source), resolve(path), train);
}
