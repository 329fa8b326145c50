import type { Command } from 'commander';
import { algorithmNames } from '../../models/algorithms.js';
import { intOption } from '../cli-context.js';

/** What `evaluate` and `audit` share: the dataset, the model, the list length and the split. */
export interface OfflineOptions {
  data: string;
  algo: string;
  params?: string;
  k: number;
  split: string;
  seed: number;
}

/** Adds the options of an offline run on a dataset folder (nothing is stored). */
export function offlineOptions(command: Command, defaults: { algo: string; seedMeans: string }): Command {
  return command
    .requiredOption(
      '--data <dir>',
      'dataset folder or file, read as `candor import` reads it (nothing is stored)',
    )
    .option('--algo <name>', `algorithm: ${algorithmNames().join(', ')}`, defaults.algo)
    .option('--params <json>', 'algorithm parameters as JSON (defaults otherwise)')
    .option('--k <n>', 'list length', intOption('k', 1, 1000), 10)
    .option(
      '--split <spec>',
      'stratified[:RATIO] | temporal[:LAST_N] | strong[:HELD_OUT[:FOLD_IN]]',
      'stratified:0.75',
    )
    .option('--seed <n>', defaults.seedMeans, intOption('seed', 0, 0xffff_ffff), 42);
}
