import { type Layout, COLORS } from './pdf-layout.js';
import { figure, percent, when } from './pdf-text.js';
import type { ScorecardData, ScorecardTarget } from './scorecard-data.js';

const formatted = (target: ScorecardTarget, value: number | null) =>
  value === null ? '-' : target.share ? percent(value) : figure(value);

function targetText(target: ScorecardTarget): string {
  if (target.threshold === null) return '-';
  const words = target.comparison === '>=' ? 'at least' : 'at most';
  return `${words} ${formatted(target, target.threshold)}`;
}

function servingStatus(data: ScorecardData): string {
  const { aliases, retired } = data.model;
  if (retired) return 'retired (its weights were deleted after an erasure); it cannot serve';
  if (aliases.includes('production')) return 'serving viewers now (production)';
  if (aliases.length > 0) return `registered as ${aliases.join(', ')}; not serving viewers`;
  return 'not serving viewers';
}

function gateText(data: ScorecardData): string {
  const { gate } = data;
  const signed = data.requiredSignoffs.filter((role) => data.signoffs.some((s) => s.role === role));
  if (!gate) return `Promotion gate: ${data.gateNote ?? 'not gated yet'}.`;
  return (
    `Promotion gate: ${gate.passed ? 'passed' : 'failed'} on ${when(gate.createdAt)}` +
    ` (${gate.checks.length} checks, ${gate.failures.length} failed); ` +
    `${signed.length} of ${data.requiredSignoffs.length} required sign-offs given.`
  );
}

/** The first page: what the version is, and a plain pass/fail line for each target of the policy. */
export function renderSummary(layout: Layout, data: ScorecardData): void {
  const doc = layout.doc;
  doc.rect(0, 0, doc.page.width, 8).fill(COLORS.accent);
  layout.moveTo(doc.page.margins.top);
  layout.title('Responsible-AI scorecard');
  layout.paragraph(`Recommendation model ${data.model.id}`, { size: 12, color: COLORS.muted });
  layout.gap(4);
  layout.facts([
    ['Algorithm', data.model.algorithm],
    ['Status', servingStatus(data)],
    [
      'Trained',
      `${when(data.model.createdAt)} on ${data.model.data.events} viewing events of ` +
        `${data.model.data.viewers} viewers and ${data.model.data.items} titles`,
    ],
    ['Policy version', data.policyVersion],
    ['Scorecard made', when(data.generatedAt)],
  ]);

  const count = (status: ScorecardTarget['status']) => data.targets.filter((t) => t.status === status).length;
  const meets = count('meets');
  const misses = count('misses');
  const unmeasured = count('not-measured');
  layout.heading('Summary against targets');
  layout.paragraph(
    `This version meets ${meets} of the ${data.targets.length} targets the policy sets` +
      (misses > 0 ? `, misses ${misses}` : '') +
      (unmeasured > 0 ? `, and ${unmeasured} could not be measured yet` : '') +
      '.',
    { size: 11.5, bold: true, color: misses > 0 ? COLORS.misses : COLORS.ink },
  );
  layout.paragraph(gateText(data));
  layout.paragraph(
    `Monitoring raised ${data.alerts.total} alert${data.alerts.total === 1 ? '' : 's'} since ${when(data.alerts.since)}.`,
  );
  layout.gap(4);
  layout.table(
    [
      { header: 'What is checked', width: 0.33 },
      { header: 'Measured', width: 0.12, align: 'right' },
      { header: 'Target', width: 0.13, align: 'right' },
      { header: 'Result', width: 0.17 },
      { header: 'Details', width: 0.25 },
    ],
    data.targets.map((t) => [t.label, formatted(t, t.value), targetText(t), { status: t.status }, t.note]),
  );
  layout.subheading('How to read this scorecard');
  layout.paragraph(
    `Relevance is measured with ${data.quality.metric}: 1 means every viewer's top ${data.protocol.k} ` +
      'recommendations put the titles they went on to watch first, 0 that none of them appear. The ' +
      `figures come from re-training this model's recipe on ${percent(Number(data.protocol.split.split(':')[1] ?? 0.75), 0)} ` +
      `of each viewer's history (seed ${data.protocol.seed}) and checking its picks against the rest, ` +
      'the same way for every version. Ranges are 95% confidence intervals: the true value is very ' +
      'probably inside them.',
    { size: 9, color: COLORS.muted },
  );
  layout.paragraph(
    'A target "not measured" is one this scorecard cannot judge on its own: the comparison with the ' +
      'production model and the safety check of the catalog are made by the promotion gate.',
    { size: 9, color: COLORS.muted },
  );
}
