import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readPolicyFile } from '../../config/load-policy.js';
import { PolicyError, type VersionedPolicy } from '../../config/serving-policy.js';
import { contextFor } from '../cli-context.js';
import { CliError, EXIT } from '../exit-codes.js';

/** What the policy decides, in the words a reviewer would use: one line per area. */
function summarize({ policy, version }: VersionedPolicy): { lines: string[]; summary: object } {
  const rerankers = policy.ranking.rerankers.map((stage) => stage.kind);
  const retention = policy.privacy.retention;
  const surfaces = Object.entries(policy.safety.surfaces).map(
    ([surface, rules]) =>
      `${surface}: prompt attacks ${rules.promptAttack}, profanity ${rules.profanity}, ` +
      `personal data ${rules.pii.default.action}`,
  );
  const maturity = policy.maturity.maxAudienceLevel;
  const { promotion, monitoring } = policy;
  const gate = promotion.thresholds;
  const summary = {
    version,
    candidatePool: policy.ranking.poolSize,
    rerankers,
    consentPurposes: policy.privacy.consentPurposes.map((purpose) => purpose.id),
    retentionDays: retention,
    safetyProvider: policy.safety.provider,
    maturity,
    promotion: {
      enforced: promotion.enforce,
      thresholds: gate,
      signoffRoles: promotion.signoffRoles,
      protocol: promotion.protocol,
    },
    monitoring,
  };
  const lines = [
    `version ${version}`,
    `ranking: ${policy.ranking.poolSize} candidates, rerankers ${rerankers.length > 0 ? rerankers.join(' → ') : 'none'}`,
    `maturity: kids up to ${maturity.kids}, teens up to ${maturity.teen}, adults up to ${maturity.adult}`,
    `extra consent purposes: ${summary.consentPurposes.length > 0 ? summary.consentPurposes.join(', ') : 'none'}`,
    `retention (days): events ${retention.rawEventsDays}, decision records ${retention.decisionRecordsDays}, ` +
      `feedback ${retention.feedbackDays}, free text ${retention.freeTextDays}, sessions ${retention.sessionsDays}`,
    `safety (${policy.safety.provider}): ${surfaces.join('; ')}`,
    `promotion: ${promotion.enforce ? 'gated' : 'NOT gated (development only)'}; nDCG@${promotion.protocol.k} at least ` +
      `${gate.minRelativeAccuracy} x production's, group fairness ratio >= ${gate.minGroupFairnessRatio}, ` +
      `creator exposure ratio >= ${gate.minExposureRatio}, coverage >= ${gate.minCoverage}, unsafe share <= ` +
      `${gate.maxUnsafeShare}; sign-off by ${promotion.signoffRoles.length > 0 ? promotion.signoffRoles.join(' and ') : 'nobody'}`,
    `monitoring: drift over ${monitoring.drift.windowDays} days every ${monitoring.drift.intervalHours} h, alert at ` +
      `PSI >= ${monitoring.drift.psiAlert} or JS >= ${monitoring.drift.jsAlert}; creator exposure ratio < ` +
      `${monitoring.fairness.minExposureRatio}`,
  ];
  return { lines, summary };
}

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('the serving policy file (policy as code)');
  policy
    .command('check')
    .description(
      'validate a policy file (YAML or JSON) and print its version and what it decides; ' +
        'every problem is named by its path in the file',
    )
    .argument('<file>', 'the policy file to check')
    .action((file: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command);
      if (!existsSync(file)) throw new CliError(`${file}: no such file`, EXIT.usage);
      let checked: VersionedPolicy;
      try {
        checked = readPolicyFile(file);
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        const problems = error.problems.map((p) => `  ${p.path || '(top level)'}: ${p.message}`);
        throw new CliError(
          `${file} is not a valid policy (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`,
          EXIT.data,
        );
      }
      const { lines, summary } = summarize(checked);
      ctx.result({ file, valid: true, ...summary }, [`${file} is valid`, ...lines].join('\n'));
    });
}
