import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadPolicy } from '../../config/load-policy.js';
import { AuditLog } from '../../governance/audit/audit-log.js';
import { gatherScorecard, ScorecardModelError } from '../../governance/scorecard/gather-scorecard.js';
import { renderScorecardPdf } from '../../governance/scorecard/render-pdf.js';
import type { ScorecardData } from '../../governance/scorecard/scorecard-data.js';
import { writeFileAtomically } from '../../governance/scorecard/write-scorecard.js';
import { modelIdSchema } from '../../models/model-artifact.js';
import { cliActor } from '../../server/auth/cli-auth.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

/**
 * `candor scorecard`: the responsible-AI scorecard of a model version (default production) as a PDF,
 * written whole or not at all. With --json it prints the figures the PDF was drawn from.
 */

interface ScorecardOptions {
  model?: string;
  out: string;
}

function summary(out: string, data: ScorecardData): string {
  const count = (status: string) => data.targets.filter((t) => t.status === status).length;
  return [
    `Wrote ${out}: the scorecard of model ${data.model.id} (${data.model.algorithm})`,
    `  targets: ${count('meets')} met, ${count('misses')} missed, ${count('not-measured')} not measured`,
    ...data.targets
      .filter((t) => t.status === 'misses')
      .map(
        (t) => `  missed: ${t.label} (${t.value?.toFixed(3) ?? '-'}, target ${t.comparison} ${t.threshold})`,
      ),
    `  gate: ${data.gate ? `${data.gate.passed ? 'passed' : 'failed'} ${data.gate.createdAt}` : (data.gateNote ?? 'none')}` +
      `; sign-offs ${data.signoffs.map((s) => s.role).join(', ') || 'none'}`,
  ].join('\n');
}

/** The destination's folder must exist and the destination must not be a folder: checked before the audit runs. */
function checkOut(out: string): string {
  const path = resolve(out);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new CliError(`--out: the folder ${folder} does not exist`, EXIT.usage);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new CliError(`--out: ${path} is a folder, not a file`, EXIT.usage);
  return path;
}

export function registerScorecardCommand(program: Command): void {
  program
    .command('scorecard')
    .description(
      'write the responsible-AI scorecard of a model as a PDF: targets, accuracy, group fairness, exposure, ' +
        'cohorts, privacy, safety, sign-offs (re-audits the model on the stored data)',
    )
    .option('--model <version>', 'the model version (default: the production model)')
    .requiredOption('--out <file>', 'where to write the PDF (replaced whole, or left as it was on failure)')
    .action(async (options: ScorecardOptions, command: Command) => {
      const ctx = contextFor(command);
      if (options.model !== undefined && !modelIdSchema.safeParse(options.model).success)
        throw new CliError(`--model: '${options.model}' is not a model version (a UUID)`, EXIT.usage);
      const out = checkOut(options.out);
      const policy = loadPolicy(ctx.config.dataDir, ctx.config.policyFile);
      await ctx.withStore(async (store) => {
        ctx.info('Auditing the model on the stored data...');
        let data: ScorecardData;
        try {
          data = await gatherScorecard(
            { store, dataDir: ctx.config.dataDir, policy },
            { modelId: options.model },
          );
        } catch (error) {
          if (!(error instanceof ScorecardModelError)) throw error;
          throw new CliError(
            error.reason === 'no-such-model'
              ? `--model: no trained model ${options.model}`
              : 'no model is in production: name a version with --model',
            EXIT.usage,
          );
        }
        const pdf = await renderScorecardPdf(data);
        writeFileAtomically(out, pdf);
        const audit = new AuditLog(store);
        try {
          await audit.append({
            actor: cliActor(),
            action: 'scorecard.generate',
            target: data.model.id,
            outcome: 'success',
            detail: { policyVersion: data.policyVersion, gate: data.gate?.id ?? null, bytes: pdf.length },
          });
        } finally {
          await audit.close();
        }
        ctx.result({ out, bytes: pdf.length, scorecard: data }, summary(out, data));
      });
    });
}
