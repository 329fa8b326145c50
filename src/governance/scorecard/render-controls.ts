import { barChart } from './charts.js';
import { COLORS, type Layout } from './pdf-layout.js';
import { figure, percent, when } from './pdf-text.js';
import type { ScorecardData } from './scorecard-data.js';

/** Consent rates per purpose, erasures served and the differential-privacy budget used. */
export function renderPrivacy(layout: Layout, data: ScorecardData): void {
  const { privacy } = data;
  layout.heading('Privacy');
  layout.paragraph(
    `Of the ${privacy.subjects} viewers on record, the share whose latest answer for each purpose is ` +
      '"yes". A viewer who never answered counts as "no": nothing is used without consent.',
  );
  barChart(layout, {
    title: 'Consent rate by purpose',
    series: [{ name: 'consented', color: COLORS.accent }],
    rows: privacy.consent.map((c) => ({ label: c.title, values: [c.rate] })),
    max: 1,
    labelShare: 0.36,
    format: (v) => percent(v, 0),
  });
  layout.facts([
    [
      'Erasure requests served',
      `${privacy.erasures}` +
        (privacy.lastErasureAt ? `, the latest on ${when(privacy.lastErasureAt)}` : '') +
        '; each has a certificate of what was deleted, including from trained models',
    ],
  ]);
  if (privacy.dpBudget.length === 0) {
    layout.paragraph('No differentially private statistics have been queried: no privacy budget is spent.');
    return;
  }
  layout.paragraph(
    'Analysts see viewing statistics only with differential-privacy noise, and each analyst has a ' +
      'privacy budget (epsilon) per dataset; a query past it is refused. The bars show how much of ' +
      'its budget the most active analyst has used.',
  );
  barChart(layout, {
    title: 'Privacy budget used (most active analyst, share of the limit)',
    series: [{ name: 'epsilon used', color: COLORS.accent }],
    rows: privacy.dpBudget.map((d) => ({
      label: `${d.dataset} (${d.analysts} analyst${d.analysts === 1 ? '' : 's'}, ${d.queries} quer${d.queries === 1 ? 'y' : 'ies'})`,
      values: [d.epsilonLimit === 0 ? null : d.maxEpsilonSpent / d.epsilonLimit],
    })),
    max: 1,
    labelShare: 0.36,
    threshold: { value: 1, label: 'limit' },
    format: (v) => percent(v, 0),
  });
}

/** The safety gateway's decisions, the curator queue, and monitoring alerts. */
export function renderSafety(layout: Layout, data: ScorecardData): void {
  const { safety, alerts } = data;
  layout.heading('Safety');
  layout.paragraph(
    `Every text viewers type and every synopsis or review Candor shows is inspected for harm, personal ` +
      `data and manipulation. Decisions since ${when(safety.since)}, by where the text was and what was done:`,
  );
  barChart(layout, {
    title: 'Safety decisions by surface and action',
    series: [{ name: 'decisions', color: COLORS.accent }],
    rows: safety.decisions.map((d) => ({ label: `${d.surface}: ${d.action}`, values: [d.count] })),
    counts: true,
    format: (v) => figure(Math.round(v)),
  });
  layout.facts([
    [
      'Curator queue',
      `${safety.queue.pending} waiting, ${safety.queue.approved} approved, ${safety.queue.rejected} rejected ` +
        '(titles and reviews held back until a curator decides)',
    ],
  ]);

  layout.subheading(`Monitoring alerts since ${when(alerts.since)}: ${alerts.total}`);
  if (alerts.recent.length === 0) {
    layout.paragraph('No drift or fairness alert was raised.', { color: COLORS.muted });
    return;
  }
  layout.table(
    [
      { header: 'When', width: 0.2 },
      { header: 'Kind', width: 0.14 },
      { header: 'Severity', width: 0.12 },
      { header: 'Measure', width: 0.24 },
      { header: 'Value / threshold', width: 0.16, align: 'right' },
      { header: 'Delivered', width: 0.14 },
    ],
    alerts.recent.map((a) => [
      when(a.createdAt),
      a.kind,
      a.severity,
      a.metric,
      `${figure(a.value)} / ${figure(a.threshold)}`,
      a.delivery,
    ]),
  );
}

/** Who signed the gate report off, in which role, and what the gate checked. */
export function renderSignoffs(layout: Layout, data: ScorecardData): void {
  layout.heading('Sign-offs');
  const { gate } = data;
  layout.paragraph(
    `The policy requires a sign-off by ${data.requiredSignoffs.join(' and ') || 'no role'}, each by a ` +
      'different person, before a version may serve viewers.',
  );
  if (!gate) {
    layout.paragraph(`No sign-off yet: ${data.gateNote ?? 'not gated yet'}.`, { bold: true });
    return;
  }
  const rows = data.requiredSignoffs.map((role) => {
    const signoff = data.signoffs.find((s) => s.role === role);
    return signoff
      ? [
          role,
          signoff.username ?? '(account removed)',
          signoff.accountId,
          when(signoff.at),
          signoff.comment ?? '',
        ]
      : [role, 'not signed yet', '', '', ''];
  });
  for (const extra of data.signoffs.filter((s) => !data.requiredSignoffs.includes(s.role))) {
    rows.push([
      extra.role,
      extra.username ?? '(account removed)',
      extra.accountId,
      when(extra.at),
      extra.comment ?? '',
    ]);
  }
  layout.table(
    [
      { header: 'Role', width: 0.12 },
      { header: 'Signed by', width: 0.18 },
      { header: 'Account', width: 0.3 },
      { header: 'When', width: 0.18 },
      { header: 'Comment', width: 0.22 },
    ],
    rows,
    { size: 8.5 },
  );
  layout.subheading(`What the promotion gate checked (${when(gate.createdAt)}, report ${gate.id})`);
  layout.table(
    [
      { header: 'Check', width: 0.42 },
      { header: 'Value', width: 0.14, align: 'right' },
      { header: 'Threshold', width: 0.16, align: 'right' },
      { header: 'Result', width: 0.28 },
    ],
    gate.checks.map((c) => [
      c.label,
      figure(c.value),
      `${c.comparison} ${figure(c.threshold)}`,
      c.skipped !== null
        ? { status: 'not-measured' as const }
        : { status: c.passed ? ('meets' as const) : ('misses' as const) },
    ]),
  );
  if (gate.failures.length > 0) {
    layout.paragraph(`Failures: ${gate.failures.join(' ')}`, { color: COLORS.misses });
  }
}
