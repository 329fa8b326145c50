import type { Command } from 'commander';
import { type AuditDataset, readAuditDataset } from '../../evaluate/audit/audit-dataset.js';
import { type AuditReport, runAudit } from '../../evaluate/audit/run-audit.js';
import { parseSplitSpec, type SplitSpec } from '../../evaluate/split-spec.js';
import { ImportRowError } from '../../import/import-source.js';
import { algorithmNamed, DEFAULT_ALGORITHM, paramsFor } from '../../models/algorithms.js';
import { contextFor, intOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { progressBar } from '../progress.js';
import { offlineOptions } from './offline-options.js';
import { parseParamsOption } from './params-option.js';

/**
 * `candor audit`: the fairness audits of a recommender on a dataset folder (group nDCG with intervals,
 * exposure by creator group and popularity, worst viewer cohorts, data representation, and the planted
 * bias of a synthetic dataset), read straight from the files as `candor evaluate` reads them.
 */

interface AuditCommandOptions {
  data: string;
  algo: string;
  params?: string;
  k: number;
  split: string;
  seed: number;
  resamples: number;
  minGroupSize: number;
  demographicsConsent?: boolean;
}

/** Runs `parse`, turning its Error into a usage error that names the option. */
function usage<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${option}: ${(error as Error).message}`, EXIT.usage);
  }
}

const fixed = (x: number | null, digits = 3) => (x === null ? 'n/a' : x.toFixed(digits));
const interval = ([lo, hi]: [number, number]) => `[${fixed(lo)}, ${fixed(hi)}]`;
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The human summary of a report: one block per audit, worst first where there is an order. */
export function formatAuditReport(report: AuditReport): string {
  const { overall, settings } = report;
  const lines = [
    `${report.algorithm} on ${report.dataset.path} (${report.split}, seed ${report.seed}, k=${report.k})`,
    `  ${report.metric} ${fixed(overall.mean)} ${interval(overall.ci)} over ${overall.n} viewers` +
      ` (${100 * settings.confidence}% bootstrap intervals, ${settings.resamples} resamples)`,
    '',
    `Group fairness: ${report.metric} of the worst group over the best (groups under ${settings.minGroupSize} viewers not compared)`,
  ];
  for (const frame of report.fairness) {
    const stat = (name: string | null) => frame.byGroup.find((g) => g.group === name);
    const worst = stat(frame.worstGroup);
    const best = stat(frame.bestGroup);
    lines.push(
      worst && best
        ? `  ${frame.attribute.padEnd(15)} ratio ${fixed(frame.ratio.value)} ${interval(frame.ratio.ci)}` +
            `  worst ${worst.group} ${fixed(worst.mean)} ${interval(worst.ci)} n=${worst.n}` +
            `  best ${best.group} ${fixed(best.mean)} n=${best.n}`
        : `  ${frame.attribute.padEnd(15)} fewer than two groups large enough to compare`,
    );
  }
  for (const { attribute, reason } of report.skipped)
    lines.push(`  ${attribute.padEnd(15)} skipped: ${reason}`);

  lines.push(
    '',
    'Exposure share (position-weighted) against catalog share and relevance share of test items',
  );
  for (const audit of report.exposure.byAttribute) {
    for (const g of audit.groups) {
      lines.push(
        `  ${audit.attribute.padEnd(13)} ${g.group.padEnd(17)} exposure ${fixed(g.exposureShare)}` +
          `  catalog ${fixed(g.catalogShare)}  relevance ${fixed(g.relevanceShare)}` +
          `  exp/rel ${fixed(g.exposureToRelevance, 2)}  coverage ${fixed(g.coverage, 2)}`,
      );
    }
  }
  const { catalog } = report.exposure;
  lines.push(`  catalog coverage ${fixed(catalog.coverage)}  gini ${fixed(catalog.gini)}`);

  const analysis = report.errorAnalysis;
  lines.push('', `Worst cohorts (error = 1 - ${report.metric}, mean ${fixed(analysis.meanError)})`);
  for (const cohort of analysis.cohorts.slice(0, 5)) {
    lines.push(
      `  error ${fixed(cohort.errorRate)}  ${String(cohort.size).padStart(6)} viewers (${percent(cohort.sizeShare)})` +
        `  ${percent(cohort.shareOfError)} of error: ${cohort.description}`,
    );
  }

  lines.push('', 'Data bias: share of training interactions against share of catalog / viewers');
  for (const r of [...report.dataBias.items, ...report.dataBias.viewers]) {
    const groups = r.groups.map(
      (g) => `${g.group} ${fixed(g.interactionShare)} vs ${fixed(g.populationShare)}`,
    );
    lines.push(`  ${r.attribute.padEnd(13)} ${groups.join('; ')}`);
  }

  const planted = report.plantedBias;
  if (planted) {
    lines.push(
      '',
      `Planted bias (ground truth, exposure multiplier ${planted.exposureMultiplier}): ` +
        `${planted.detected ? 'DETECTED' : 'not detected'}`,
      `  under-represented creators: exposure ${fixed(planted.measured.exposureShare)}, training interactions ` +
        `${fixed(planted.measured.interactionShare)}, true relevance ${fixed(planted.groundTruth.relevanceShare)}` +
        ` (exposure/relevance ${fixed(planted.exposureToRelevance, 2)}, threshold ${planted.threshold})`,
    );
  }
  lines.push('', `fit ${report.fitSeconds.toFixed(2)}s`);
  return lines.join('\n');
}

export function registerAuditCommand(program: Command): void {
  offlineOptions(
    program
      .command('audit')
      .description(
        'fairness audit on a dataset folder: group nDCG with bootstrap intervals, exposure by creator group ' +
          'and popularity, worst viewer cohorts, data representation (nothing is stored)',
      ),
    { algo: DEFAULT_ALGORITHM, seedMeans: 'seed of the split and the bootstrap' },
  )
    .option('--resamples <n>', 'bootstrap resamples', intOption('resamples', 10, 100_000), 1000)
    .option(
      '--min-group-size <n>',
      'smallest group compared in differences and ratios',
      intOption('min-group-size', 1),
      20,
    )
    .option(
      '--demographics-consent',
      'the source collected consent to keep gender and occupation (otherwise they are not audited)',
    )
    .action(async (options: AuditCommandOptions, command: Command) => {
      const ctx = contextFor(command);
      const split: SplitSpec = usage('--split', () => parseSplitSpec(options.split));
      const algorithm = usage('--algo', () => algorithmNamed(options.algo));
      const params = usage('--params', () => paramsFor(algorithm, parseParamsOption(options.params)));
      let dataset: AuditDataset;
      try {
        dataset = await readAuditDataset(options.data, {
          demographicsConsent: options.demographicsConsent === true,
        });
      } catch (error) {
        // A bad row is bad data (exit 3, naming file and line); anything else is a path that is no dataset.
        if (error instanceof ImportRowError) throw error;
        throw new CliError(`--data: ${(error as Error).message}`, EXIT.usage);
      }
      ctx.info(
        `Read ${dataset.events.users.length} events, ${dataset.events.userIds.length} viewers, ` +
          `${dataset.events.itemIds.length} items`,
      );
      const bar = progressBar({ total: 100, unit: '%', enabled: !ctx.json });
      try {
        const report = await runAudit(dataset, {
          algorithm: algorithm.name,
          params,
          split,
          seed: options.seed,
          k: options.k,
          resamples: options.resamples,
          minGroupSize: options.minGroupSize,
          context: { progress: (fraction, phase) => bar.update(Math.round(fraction * 100), phase) },
        });
        bar.stop();
        ctx.result(report, formatAuditReport(report));
      } finally {
        bar.stop();
      }
    });
}
