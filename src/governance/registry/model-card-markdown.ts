import type { ModelCard } from './model-card.js';

/** Table cells cannot hold a pipe or a line break. */
const cell = (value: unknown): string =>
  value === null || value === undefined ? '—' : String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

const interval = (ci: readonly [number, number]) => `[${ci[0]}, ${ci[1]}]`;

function table(header: string[], rows: unknown[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

const bullets = (lines: readonly string[]) => lines.map((line) => `- ${line}`);

function metricsSection(card: ModelCard): string[] {
  const { metrics } = card;
  const protocol = `${metrics.protocol.split}, seed ${metrics.protocol.seed}, k ${metrics.protocol.k}`;
  if (!metrics.measured) {
    return [
      `Not measured yet: this version has no gate report. The gate measures it on the fixed protocol (${protocol}).`,
    ];
  }
  const lines = [
    `Measured by the promotion gate on the fixed protocol (${protocol}); thresholds from the policy.`,
    '',
    ...table(
      ['Check', 'Value', 'Threshold', 'Outcome'],
      metrics.checks.map((check) => [
        `${check.label} (${check.id})`,
        check.value,
        `${check.comparison} ${check.threshold}`,
        check.skipped === null ? (check.passed ? 'pass' : '**fail**') : `not checked: ${check.skipped}`,
      ]),
    ),
  ];
  if (metrics.variationAcrossGroups.length > 0) {
    lines.push('', '### Variation across viewer groups', '');
    for (const frame of metrics.variationAcrossGroups) {
      lines.push(
        `**${frame.grouping}**: worst over best ${frame.ratio.value} ${interval(frame.ratio.ci)}` +
          (frame.worstGroup
            ? ` (worst ${frame.worstGroup}, best ${frame.bestGroup})`
            : ' (too few viewers per group to compare)'),
        '',
        ...table(
          ['Group', 'Viewers', 'nDCG', '95% interval'],
          frame.groups.map((group) => [group.group, group.n, group.mean, interval(group.ci)]),
        ),
        '',
      );
    }
  }
  if (metrics.exposureByItemGroup.length > 0) {
    lines.push('### Exposure by item group', '');
    for (const audit of metrics.exposureByItemGroup) {
      lines.push(
        `**${audit.attribute}**`,
        '',
        ...table(
          ['Group', 'Items', 'Catalog share', 'Exposure share', 'Exposure / catalog'],
          audit.groups.map((g) => [g.group, g.items, g.catalogShare, g.exposureShare, g.exposureToCatalog]),
        ),
        '',
      );
    }
  }
  return lines;
}

/** The card as Markdown, one section per part of Mitchell et al.'s template. */
export function modelCardMarkdown(card: ModelCard): string {
  const details = card.modelDetails;
  const training = card.trainingData;
  const governance = card.governance;
  const lines = [
    `# Model card: ${details.algorithm} ${card.modelId}`,
    '',
    `Generated ${card.generatedAt} under policy ${card.policyVersion}.`,
    '',
    '## Model details',
    '',
    ...bullets([
      `Algorithm: ${details.algorithm}: ${details.description}`,
      `Parameters: \`${JSON.stringify(details.parameters)}\``,
      `Trained ${details.createdAt} by Candor ${details.codeVersion}; ${details.developedBy}`,
      `Aliases: ${details.aliases.length > 0 ? details.aliases.join(', ') : 'none'}${details.retired ? ' (retired)' : ''}`,
      `Lineage: ${details.ancestors.length > 0 ? details.ancestors.map((a) => `${a.id} (${a.algorithm}${a.retired ? ', retired' : ''})`).join(' ← ') : 'no parent'}`,
    ]),
    '',
    '## Intended use',
    '',
    ...bullets(card.intendedUse.primaryUses),
    '',
    `Primary users: ${card.intendedUse.primaryUsers.join('; ')}.`,
    '',
    '## Out-of-scope use',
    '',
    ...bullets(card.outOfScopeUses),
    '',
    '## Factors',
    '',
    card.factors.note,
    '',
    ...bullets([
      `Viewer groupings measured: ${card.factors.viewerGroupings.join(', ') || 'none (no gate report, or too few groups)'}`,
      `Creator groups measured: ${card.factors.creatorGroups.join(', ') || 'none'}`,
      ...card.factors.notEvaluated.map((skip) => `Not evaluated, ${skip.attribute}: ${skip.reason}`),
    ]),
    '',
    '## Metrics',
    '',
    ...metricsSection(card),
    '',
    '## Evaluation data',
    '',
    card.evaluationData.description,
    '',
    ...bullets(Object.entries(card.evaluationData.sizes).map(([name, value]) => `${name}: ${value}`)),
    '',
    '## Training data',
    '',
    training.description,
    '',
    ...bullets([
      `Snapshot hash: \`${training.snapshotHash}\``,
      `Source: ${training.source}; last event ${training.lastEventAt ?? 'none'}`,
      training.consent
        ? `Consent: "${training.consent.purpose}" as of ledger position ${training.consent.ledgerSeq} (${training.consent.includedViewers} viewers in, ${training.consent.excludedViewers} out)`
        : 'Consent: not recorded (trained outside the store)',
      `Unlearning: ${training.unlearning.length === 0 ? 'none' : training.unlearning.map((u) => `${u.at} ${u.viewers} viewer(s) by ${u.method}${u.exact ? '' : ' (approximate)'}`).join('; ')}`,
    ]),
    '',
    '## Promotion gate and sign-off',
    '',
    ...bullets([
      governance.gate
        ? `Latest gate ${governance.gate.id}: ${governance.gate.passed ? 'passed' : 'failed'} on ${governance.gate.createdAt} under ${governance.gate.policyVersion}${governance.gate.current ? '' : ' (an earlier policy)'}`
        : 'No gate report yet',
      ...(governance.gate?.failures ?? []).map((failure) => `Failed: ${failure}`),
      `Signed off by: ${governance.signoffs.map((s) => `${s.role} (${s.at})`).join(', ') || 'no one yet'}`,
      `Missing sign-offs: ${governance.missingSignoffs.join(', ') || 'none'}`,
      `Ready to promote: ${governance.readyToPromote ? 'yes' : 'no'}${governance.promotionEnforced ? '' : ' (the policy does not enforce the gate)'}`,
    ]),
    '',
    '## Ethical considerations',
    '',
    ...bullets(card.ethicalConsiderations),
    '',
    '## Caveats and recommendations',
    '',
    ...bullets(card.caveatsAndRecommendations),
    '',
  ];
  return lines.join('\n');
}
