import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { algorithmNames, DEFAULT_ALGORITHM } from '../../models/algorithms.js';
import type { RedteamResult } from '../../redteam/redteam-family.js';
import { RedteamOptionError } from '../../redteam/redteam-family.js';
import { attackKinds, redteamFamilies, resolveAttackKind } from '../../redteam/redteam-registry.js';
import { writeRedteamReport } from '../../redteam/report/write-report.js';
import { newId } from '../../store/ids.js';
import { contextFor, intOption, numberOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { parseParamsOption } from './params-option.js';

interface RedteamCommandOptions {
  attack?: string;
  all?: boolean;
  list?: boolean;
  data?: string;
  size?: number;
  filler?: number;
  selected?: number;
  targets?: number;
  target?: string[];
  algo?: string;
  params?: string;
  k?: number;
  seed?: number;
  threshold?: number;
  out?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerRedteamCommand(program: Command): void {
  program
    .command('redteam')
    .description(
      'attack a copy of the data and measure what the defences catch; writes a JSON report and a summary',
    )
    .option('--attack <kind>', `family:variant or a whole family (${attackKinds().join(', ')})`)
    .option('--all', 'run every attack of every family, each against the same disposable copy of the data')
    .option('--list', 'list the attack kinds and exit')
    .option(
      '--data <dir>',
      'shilling: dataset folder or file, read as `candor import` reads it (never written)',
    )
    .option(
      '--size <share>',
      'shilling: fake profiles as a share of the viewers',
      numberOption('size', 0.0001, 0.5),
    )
    .option(
      '--filler <share>',
      'shilling: filler items per fake profile, as a share of the catalog',
      numberOption('filler', 0, 0.99),
    )
    .option(
      '--selected <n>',
      'shilling: selected items per fake profile (bandwagon, segment)',
      intOption('selected', 0, 1000),
    )
    .option(
      '--targets <n>',
      'shilling: how many target items to push, drawn from the unpopular half',
      intOption('targets', 1, 100),
    )
    .option('--target <item>', 'shilling: push this item (its id in the dataset); repeatable', collect)
    .option(
      '--algo <name>',
      `shilling: the model attacked (${algorithmNames().join(', ')})`,
      DEFAULT_ALGORITHM,
    )
    .option('--params <json>', 'shilling: its parameters as JSON')
    .option('--k <n>', 'shilling: list length of the hit ratio', intOption('k', 1, 1000))
    .option('--seed <n>', 'seed of the attack and of the target draw', intOption('seed', 0, 0xffff_ffff))
    .option(
      '--threshold <z>',
      'shilling: detector threshold in robust standard deviations',
      numberOption('threshold', 0.1, 100),
    )
    .option('--out <dir>', 'where reports go (default <data-dir>/redteam); each run gets a folder')
    .action(async (options: RedteamCommandOptions, command: Command) => {
      const ctx = contextFor(command);
      if (options.list) {
        const families = redteamFamilies().map((f) => ({
          family: f.name,
          description: f.description,
          variants: f.variants,
        }));
        ctx.result(
          { families },
          families
            .map(
              (f) =>
                `${f.family}: ${f.description}\n  ${f.variants.map((v) => `${f.family}:${v}`).join(', ')}`,
            )
            .join('\n'),
        );
        return;
      }
      if (Boolean(options.attack) === Boolean(options.all))
        throw new CliError('give --attack KIND or --all (see --list)', EXIT.usage);
      const plan = options.all
        ? redteamFamilies().map((family) => ({ family, variants: [...family.variants] }))
        : [usage(() => resolveAttackKind(options.attack as string))];
      const { list: _list, all: _all, attack: _attack, out: _out, params, ...familyOptions } = options;
      // The access family attacks a running server on a copy of this data folder.
      const input = { ...familyOptions, params: parseParamsOption(params), dataDir: ctx.config.dataDir };
      const startedAt = new Date().toISOString();
      const results: RedteamResult[] = [];
      for (const { family, variants } of plan) {
        const prepared = await usageAsync(() => family.prepare(input, { info: ctx.info }));
        try {
          for (const variant of variants) results.push(await prepared.run(variant));
        } finally {
          await prepared.close?.();
        }
      }
      const folder = writeRedteamReport(resolve(options.out ?? join(ctx.config.dataDir, 'redteam')), {
        id: newId(),
        startedAt,
        results,
      });
      const passed = results.every((result) => result.passed !== false);
      ctx.result(
        {
          report: join(folder, 'report.json'),
          summary: join(folder, 'summary.md'),
          passed,
          results: results.map((r) => ({ kind: r.kind, passed: r.passed, ...r.report })),
        },
        [
          ...results.map((r) => r.summary),
          `Report: ${join(folder, 'report.json')} (summary: ${join(folder, 'summary.md')})`,
        ].join('\n'),
      );
    });
}

function usage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RedteamOptionError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

async function usageAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RedteamOptionError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}
