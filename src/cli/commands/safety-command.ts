import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  type CategoryReport,
  DEFAULT_HARM_THRESHOLD,
  type SafetyEvaluationReport,
  evaluateSafety,
} from '../../safety/evaluate/evaluate-safety.js';
import {
  LABELLED_FORMATS,
  LabelledFileError,
  type LabelledFormat,
  type LabelledRow,
  formatFromExtension,
  readLabelledFile,
} from '../../safety/evaluate/read-labelled-file.js';
import { SAFETY_SURFACES, type SafetySurface } from '../../safety/safety-policy.js';
import { contextFor, intOption } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

interface EvalOptions {
  data: string;
  format?: string;
  surface: string;
  threshold: number;
  limit?: number;
}

function choice<T extends string>(name: string, allowed: readonly [T, ...T[]], value: string): T {
  const parsed = z.enum(allowed).safeParse(value);
  if (!parsed.success)
    throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`, EXIT.usage);
  return parsed.data;
}

function formatOf(options: EvalOptions): LabelledFormat {
  if (options.format !== undefined) return choice('format', LABELLED_FORMATS, options.format);
  const inferred = formatFromExtension(options.data);
  if (inferred === undefined)
    throw new CliError(
      `cannot tell the format of ${options.data} from its extension; pass --format ${LABELLED_FORMATS.join('|')}`,
      EXIT.usage,
    );
  return inferred;
}

/** Problems inside the file are bad data, not a bad command line. */
function readRows(options: EvalOptions, format: LabelledFormat): LabelledRow[] {
  try {
    return readLabelledFile(options.data, {
      format,
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    });
  } catch (error) {
    if (error instanceof LabelledFileError) throw new CliError(error.message, EXIT.data);
    throw error;
  }
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

function tableRow(c: CategoryReport): string[] {
  return [
    c.category,
    String(c.rows),
    String(c.positives),
    String(c.truePositives),
    String(c.falsePositives),
    String(c.falseNegatives),
    String(c.trueNegatives),
    percent(c.precision),
    percent(c.recall),
    c.f1.toFixed(3),
    c.balancedAccuracy.toFixed(3),
    percent(c.falsePositiveRate),
  ];
}

function render(file: string, report: SafetyEvaluationReport): string {
  const header = [
    'category',
    'rows',
    'pos',
    'TP',
    'FP',
    'FN',
    'TN',
    'precision',
    'recall',
    'F1',
    'bal.acc',
    'FPR',
  ];
  const body = [...report.categories, report.any].map(tableRow);
  const widths = header.map((title, at) =>
    Math.max(title.length, ...body.map((row) => (row[at] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, at) => (at === 0 ? cell.padEnd(widths[at] ?? 0) : cell.padStart(widths[at] ?? 0)))
      .join('  ');
  const { allow, redact, block } = report.actions;
  return [
    `Safety evaluation of ${file}: ${report.rows} rows (${report.benign} benign) on the ${report.surface} ` +
      `surface, harm counted from severity ${report.threshold}`,
    `Each category is scored against the benign rows only; "any" is every labelled row against ` +
      `"blocked or anything found".`,
    '',
    line(header),
    ...body.map(line),
    '',
    `Gateway decisions: ${block} blocked, ${redact} redacted, ${allow} allowed. ` +
      `${report.elapsedMs.toFixed(0)} ms, ${report.msPerRow.toFixed(2)} ms per row.`,
  ].join('\n');
}

export function registerSafetyCommand(program: Command): void {
  const safety = program.command('safety').description('the content-safety gateway');
  safety
    .command('eval')
    .description(
      'run a labelled file (CSV or JSON Lines: text/prompt and label/type columns) through the local ' +
        'gateway and report precision, recall and false-positive rate per category',
    )
    .requiredOption('--data <file>', 'labelled texts; label benign/safe/0 for negatives')
    .option('--format <format>', `${LABELLED_FORMATS.join('|')} (default: from the extension)`)
    .option('--surface <surface>', SAFETY_SURFACES.join('|'), 'ask')
    .option(
      '--threshold <severity>',
      'harm severity (1-7) from which a category counts as found',
      intOption('threshold', 1, 7),
      DEFAULT_HARM_THRESHOLD,
    )
    .option('--limit <rows>', 'evaluate only the first rows', intOption('limit', 1))
    .action((options: EvalOptions, command: Command) => {
      const ctx = contextFor(command);
      const surface: SafetySurface = choice('surface', SAFETY_SURFACES, options.surface);
      const format = formatOf(options);
      if (!existsSync(options.data)) throw new CliError(`${options.data}: no such file`, EXIT.usage);
      const rows = readRows(options, format);
      const report = evaluateSafety(rows, { surface, threshold: options.threshold });
      ctx.result({ file: options.data, format, ...report }, render(options.data, report));
    });
}
