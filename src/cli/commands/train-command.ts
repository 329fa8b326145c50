import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openImportSource } from '../../import/open-import-source.js';
import { algorithmNamed, algorithmNames, DEFAULT_ALGORITHM, paramsFor } from '../../models/algorithms.js';
import { readDatasetEvents } from '../../models/dataset-events.js';
import { loadPolicy } from '../../config/load-policy.js';
import { RegistryError } from '../../governance/registry/registry-error.js';
import { assertDirectProductionAllowed } from '../../governance/registry/production-moves.js';
import { readAliases } from '../../models/model-artifact.js';
import {
  type StoreTrainOptions,
  type TrainOptions,
  trainModel,
  trainModelOnDataset,
} from '../../models/train-model.js';
import { cliActor } from '../../server/auth/cli-auth.js';
import { type CliContext, contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { parseParamsOption } from './params-option.js';

interface TrainCommandOptions {
  algo: string;
  params?: string;
  data?: string;
  fromStore?: boolean;
  production?: boolean;
  scanProfiles?: boolean;
}

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('fit a model and write its artifact (from the store by default, or from a dataset folder)')
    .option('--algo <name>', `algorithm: ${algorithmNames().join(', ')}`, DEFAULT_ALGORITHM)
    .option('--params <json>', 'algorithm parameters as JSON, e.g. \'{"lambda": 300}\' (defaults otherwise)')
    .option('--data <dir>', "train on a dataset folder read directly (items keep the dataset's ids)")
    .option('--from-store', 'train on the interactions in the store (the default)')
    .option(
      '--scan-profiles',
      'scan for fake (shilling) profiles and quarantine them before fitting (default: config redteam.scanBeforeTraining)',
    )
    .option('--no-scan-profiles', 'skip that scan (quarantined profiles are left out either way)')
    .option(
      '--production',
      'name the new model production instead of candidate (only while nothing is in production, when the policy enforces the promotion gate)',
    )
    .action(async (options: TrainCommandOptions, command: Command) => {
      const ctx = contextFor(command);
      if (options.data && options.fromStore)
        throw new CliError('give --data or --from-store, not both', EXIT.usage);
      if (options.data && options.production) {
        throw new CliError(
          "--production needs a model trained on the store: a dataset folder's items are not catalog items",
          EXIT.usage,
        );
      }
      // Refused before the fit, not after it: a model that may not become production is not trained as one.
      if (options.production) refuseDirectProduction(ctx);
      let params: Record<string, unknown>;
      try {
        params = paramsFor(algorithmNamed(options.algo), parseParamsOption(options.params));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError((error as Error).message, EXIT.usage);
      }
      const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
      const train: StoreTrainOptions = {
        algorithm: options.algo,
        params,
        alias: options.production ? 'production' : 'candidate',
        actor: cliActor(),
        scanProfiles: options.scanProfiles ?? ctx.config.redteam.scanBeforeTraining,
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
            (options.data
              ? ' (from a dataset folder: it can be evaluated, not served)'
              : options.production
                ? ' (now production)'
                : ` (now the candidate: run \`candor models gate ${manifest.id}\` to check it for promotion)`),
        );
      } finally {
        bar.stop();
      }
    });
}

function refuseDirectProduction(ctx: CliContext): void {
  try {
    assertDirectProductionAllowed(
      { policy: loadPolicy(ctx.config.dataDir, ctx.config.policyFile) },
      readAliases(ctx.config.dataDir).production ?? null,
    );
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new CliError(
      `--production: the policy enforces the promotion gate and a model is in production already; ` +
        'train a candidate, then `candor models gate ID`, sign it off and `candor models promote ID`',
      EXIT.data,
    );
  }
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
