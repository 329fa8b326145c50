import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  parseSyntheticParams,
  type SyntheticParams,
  writeSyntheticDataset,
} from '../../catalog/synthetic/index.js';
import { runImport } from '../../import/import-runner.js';
import { openImportSource, totalBytes } from '../../import/open-import-source.js';
import { contextFor, intOption, numberOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { formatImportReport } from './import-report.js';

interface GenerateOptions {
  items?: number;
  viewers?: number;
  seed?: number;
  underrepresentedShare?: number;
  exposureBias?: number;
  out?: string;
  import: boolean;
}

export const SYNTHETIC_DIR_NAME = 'synthetic';

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'generate a synthetic media catalog with viewers, interactions and its ground truth, and import it',
    )
    .option(
      '--items <n>',
      'items, counting episodes and tracks (default 2000)',
      intOption('items', 10, 1_000_000),
    )
    .option('--viewers <n>', 'viewers (default 5000)', intOption('viewers', 1, 1_000_000))
    .option(
      '--seed <n>',
      'seed: the same options give byte-identical files (default 42)',
      intOption('seed', 0, 0xffff_ffff),
    )
    .option(
      '--underrepresented-share <x>',
      'share of creators in the under-represented group (default 0.2)',
      numberOption('underrepresented-share', 0, 1),
    )
    .option(
      '--exposure-bias <x>',
      'planted bias: exposure multiplier for their items, 1 = none (default 0.5)',
      numberOption('exposure-bias', 0, 10),
    )
    .option('--out <dir>', 'where to write the files (default <data-dir>/synthetic)')
    .option('--no-import', 'only write the files')
    .action(async (options: GenerateOptions, command: Command) => {
      const ctx = contextFor(command);
      const params = toParams(options);
      const out = resolve(options.out ?? join(ctx.config.dataDir, SYNTHETIC_DIR_NAME));
      refuseOtherDataset(out, params);
      const started = performance.now();
      const written = await writeSyntheticDataset(out, params);
      const generateSeconds = (performance.now() - started) / 1000;
      ctx.info(`Wrote ${out} in ${generateSeconds.toFixed(2)}s`);
      let imported: Awaited<ReturnType<typeof runImport>> | null = null;
      if (options.import) {
        const source = await openImportSource(out);
        const bar = progressBar({ total: await totalBytes(source), unit: 'bytes', enabled: !ctx.json });
        try {
          imported = await ctx.withStore((store) =>
            runImport(store, source, { onProgress: (bytes) => bar.update(bytes, 'import') }),
          );
        } finally {
          bar.stop();
          await source.close?.();
        }
      }
      const result = {
        out,
        params,
        counts: written.counts,
        groundTruth: join(out, 'ground-truth.json'),
        generateSeconds: Number(generateSeconds.toFixed(3)),
        import: imported,
        totalSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
      };
      ctx.result(
        result,
        [
          `Generated ${Object.entries(written.counts)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(', ')} into ${out}`,
          `Ground truth (planted bias included): ${result.groundTruth}`,
          imported ? formatImportReport(imported) : 'Not imported (--no-import).',
        ].join('\n'),
      );
    });
}

function toParams(options: GenerateOptions): SyntheticParams {
  try {
    return parseSyntheticParams({
      ...(options.items !== undefined && { items: options.items }),
      ...(options.viewers !== undefined && { viewers: options.viewers }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.underrepresentedShare !== undefined && {
        underrepresentedShare: options.underrepresentedShare,
      }),
      ...(options.exposureBias !== undefined && { exposureBias: options.exposureBias }),
    });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
}

/** One synthetic world per folder: mixing two would corrupt both ground truths. */
function refuseOtherDataset(out: string, params: SyntheticParams): void {
  const truthFile = join(out, 'ground-truth.json');
  if (!existsSync(truthFile)) return;
  const previous = (JSON.parse(readFileSync(truthFile, 'utf8')) as { params?: unknown }).params;
  if (JSON.stringify(previous) !== JSON.stringify(params)) {
    throw new CliError(
      `${out} already holds a synthetic dataset generated with other parameters; use another --data-dir or --out`,
      EXIT.usage,
    );
  }
}
