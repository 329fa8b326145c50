import type { Command } from 'commander';
import { runOfflineEvaluation } from '../../evaluate/offline-evaluation.js';
import { parseSplitSpec, type SplitSpec } from '../../evaluate/split-spec.js';
import { openImportSource } from '../../import/open-import-source.js';
import { algorithmNamed, paramsFor } from '../../models/algorithms.js';
import { readDatasetEvents } from '../../models/dataset-events.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { offlineOptions } from './offline-options.js';
import { parseParamsOption } from './params-option.js';

interface EvaluateOptions {
  data: string;
  algo: string;
  params?: string;
  k: number;
  split: string;
  seed: number;
  demographicsConsent?: boolean;
}

export function registerEvaluateCommand(program: Command): void {
  offlineOptions(
    program
      .command('evaluate')
      .description(
        'offline evaluation on a dataset folder: split, fit on the training part, measure the top k',
      ),
    { algo: 'popularity', seedMeans: 'seed of the split' },
  ).action(async (options: EvaluateOptions, command: Command) => {
    const ctx = contextFor(command);
    let split: SplitSpec;
    let params: Record<string, unknown>;
    try {
      split = parseSplitSpec(options.split);
      params = paramsFor(algorithmNamed(options.algo), parseParamsOption(options.params));
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError((error as Error).message, EXIT.usage);
    }
    let source: Awaited<ReturnType<typeof openImportSource>>;
    try {
      source = await openImportSource(options.data, {});
    } catch (error) {
      throw new CliError(`--data: ${(error as Error).message}`, EXIT.usage);
    }
    const events = await readDatasetEvents(source);
    ctx.info(
      `Read ${events.users.length} events, ${events.userIds.length} viewers, ${events.itemIds.length} items`,
    );
    const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
    try {
      const result = await runOfflineEvaluation(events, {
        algorithm: options.algo,
        params,
        split,
        seed: options.seed,
        k: options.k,
        context: { progress: (fraction, phase) => bar.update(Math.round(fraction * 100), phase) },
      });
      bar.stop();
      const m = result.metrics;
      ctx.result(
        result,
        [
          `${result.algorithm} on ${options.data} (${result.split}, seed ${result.seed}, k=${result.k})`,
          `  nDCG ${m.ndcg}  P ${m.precision}  R ${m.recall}  MAP ${m.map}  MRR ${m.mrr}  hit ${m.hitRate}`,
          `  coverage ${m.catalogCoverage}  entropy ${m.normalizedEntropy}  gini ${m.gini}  novelty ${m.novelty}` +
            `  ILD ${m.intraListDiversity}  ARP ${m.arp}  APLT ${m.aplt}`,
          `  ${result.sizes.evaluatedUsers} viewers evaluated; fit ${result.fitSeconds}s, predict ${result.predictSeconds}s`,
        ].join('\n'),
      );
    } finally {
      bar.stop();
    }
  });
}
