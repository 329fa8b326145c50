import { barChart } from './charts.js';
import { COLORS, type Layout } from './pdf-layout.js';
import { figure, percent, when } from './pdf-text.js';
import { MIN_REPORTED_GROUP, type ScorecardData } from './scorecard-data.js';
import { groupingLabel } from './scorecard-targets.js';

const ATTRIBUTE_LABELS: Readonly<Record<string, string>> = {
  creatorGroup: 'creator group',
  popularity: 'popularity',
};

const ITEM_GROUP_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  creatorGroup: {
    underrepresented: 'under-represented creators',
    other: 'other creators',
    unknown: 'creators not described',
  },
  popularity: {
    head: 'most watched titles (head)',
    mid: 'middle',
    tail: 'least watched titles (tail)',
  },
};

/** Lineage: what the version was trained on, under which consent, and what was removed since. */
export function renderModel(layout: Layout, data: ScorecardData): void {
  const { model } = data;
  layout.heading('The model and its training data');
  const params = Object.entries(model.params)
    .map(([key, value]) => `${key} ${JSON.stringify(value)}`)
    .join(', ');
  const consent = model.consent;
  layout.facts([
    ['Version', model.id],
    ['Algorithm', `${model.algorithm}${params ? ` (${params})` : ''}`],
    ['Trained', `${when(model.createdAt)} by Candor ${model.codeVersion}`],
    ['Previous version', model.parent ?? 'none'],
    [
      'Training data',
      `${model.data.events} events, ${model.data.viewers} viewers, ${model.data.items} titles from the ` +
        `${model.data.source}; latest event ${model.data.lastEventAt ? when(model.data.lastEventAt) : 'none'}`,
    ],
    ['Data snapshot', model.data.snapshotHash],
    [
      'Consent',
      consent
        ? `only viewers who agreed to "${consent.purpose}": ${consent.includedViewers} included, ` +
          `${consent.excludedViewers} left out with their ${consent.excludedEvents} events`
        : 'not recorded for this version',
    ],
    [
      'Forgotten viewers',
      model.unlearning.length === 0
        ? 'none removed since training'
        : model.unlearning
            .map((u) => `${u.viewers} on ${when(u.at)} (${u.method}, ${u.exact ? 'exact' : 'approximate'})`)
            .join('; '),
    ],
    [
      'Registry history',
      model.history.length === 0
        ? 'no alias moves recorded'
        : model.history.map((h) => `${h.alias} ${h.action} ${when(h.at)} by ${h.actor}`).join('; '),
    ],
  ]);
}

/** Accuracy and beyond-accuracy figures, as a table and a chart of the shares. */
export function renderQuality(layout: Layout, data: ScorecardData): void {
  const { quality } = data;
  layout.heading('Accuracy and beyond accuracy');
  layout.paragraph(
    `Measured on ${quality.evaluatedViewers} viewers with ${quality.resamples} bootstrap resamples. ` +
      'Coverage is the share of the catalog recommended to at least one viewer; the Gini index of ' +
      'exposure is 0 when every title is shown equally often and 1 when a single title takes it all.',
  );
  const popularity = data.exposure.find((a) => a.attribute === 'popularity');
  const tail = popularity?.groups.find((g) => g.group === 'tail');
  barChart(layout, {
    title: 'Relevance and reach (bars: value; whisker: 95% interval)',
    series: [{ name: 'measured', color: COLORS.accent }],
    rows: [
      {
        label: `Relevance (${quality.metric})`,
        values: [quality.overall.mean],
        intervals: [quality.overall.ci],
      },
      { label: 'Catalog coverage', values: [quality.coverage] },
      { label: 'Exposure Gini (lower: more even)', values: [quality.gini] },
      ...(tail ? [{ label: 'Exposure of long-tail titles', values: [tail.exposureShare] }] : []),
    ],
    max: 1,
    format: (v) => figure(v, 2),
  });
  if (data.gate) {
    layout.subheading(`Metrics recorded by the promotion gate (${when(data.gate.createdAt)})`);
    const names = [
      ...new Set([
        ...Object.keys(data.gate.candidateMetrics),
        ...Object.keys(data.gate.baselineMetrics ?? {}),
      ]),
    ].sort();
    layout.table(
      [
        { header: 'Metric', width: 0.4 },
        { header: 'This version', width: 0.3, align: 'right' },
        { header: `Production${data.gate.baselineId ? '' : ' (none)'}`, width: 0.3, align: 'right' },
      ],
      names.map((name) => [
        name,
        figure(data.gate?.candidateMetrics[name] ?? null, 4),
        figure(data.gate?.baselineMetrics?.[name] ?? null, 4),
      ]),
    );
  }
}

/** Group fairness: the worst-over-best ratio per grouping against the target, then each grouping. */
export function renderFairness(layout: Layout, data: ScorecardData): void {
  const { quality, fairness } = data;
  const threshold = data.thresholds.minGroupFairnessRatio ?? 0;
  layout.heading('Group fairness');
  layout.paragraph(
    `Does the model serve every group of viewers equally well? For each way of grouping viewers, the ` +
      `relevance of the worst-served group is divided by that of the best-served group: 1 is parity. ` +
      `The policy asks for at least ${figure(threshold)} (the dashed line). ` +
      (quality.minGroupSize > MIN_REPORTED_GROUP
        ? `Groups under ${quality.minGroupSize} viewers are shown but not compared; groups under ` +
          `${MIN_REPORTED_GROUP} viewers are not shown at all. `
        : `Groups under ${MIN_REPORTED_GROUP} viewers are neither shown nor compared. `) +
      'Demographics are used only for viewers who consented to it.',
  );
  barChart(layout, {
    title: 'Worst group over best group, per grouping',
    series: [{ name: 'ratio', color: COLORS.accent }],
    rows: fairness.map((frame) => ({
      label: groupingLabel(frame.grouping),
      values: [frame.worstGroup === null ? null : frame.ratio.value],
      intervals: [frame.worstGroup === null ? null : frame.ratio.ci],
    })),
    max: 1,
    missing: 'not compared',
    threshold: { value: threshold, label: `target: at least ${figure(threshold)}` },
    format: (v) => figure(v, 2),
  });
  for (const frame of fairness) {
    barChart(layout, {
      title:
        `${quality.metric} by ${groupingLabel(frame.grouping)}` +
        (frame.hiddenGroups > 0 ? ` (${frame.hiddenGroups} small group(s) not shown)` : ''),
      series: [{ name: quality.metric, color: COLORS.accent }],
      rows: frame.groups.map((g) => ({
        label: `${g.group} (${g.n} viewers)`,
        values: [g.mean],
        intervals: [g.ci],
      })),
      format: (v) => figure(v, 2),
    });
  }
  if (data.fairnessSkipped.length > 0) {
    layout.paragraph(
      `Not compared: ${data.fairnessSkipped.map((s) => `${groupingLabel(s.attribute)} (${s.reason})`).join('; ')}.`,
      { size: 8.5, color: COLORS.muted },
    );
  }
}

/** Exposure by item group against the catalog, and the cohorts the model serves worst and best. */
export function renderExposure(layout: Layout, data: ScorecardData): void {
  layout.heading('Who gets seen: exposure by creator group and popularity');
  layout.paragraph(
    'Exposure share is the share of attention a group of titles receives across all recommendation ' +
      'lists (a title near the top counts more). A fair ranker blind to everything else would give each ' +
      `group about its share of the catalog. The policy asks under-represented creators to get at least ` +
      `${figure(data.thresholds.minExposureRatio ?? 0)} times their catalog share.`,
  );
  for (const audit of data.exposure) {
    barChart(layout, {
      title: `Exposure share and catalog share by ${ATTRIBUTE_LABELS[audit.attribute] ?? audit.attribute}`,
      series: [
        { name: 'share of exposure', color: COLORS.accent },
        { name: 'share of catalog', color: COLORS.second },
      ],
      rows: audit.groups.map((g) => ({
        label: ITEM_GROUP_LABELS[audit.attribute]?.[g.group] ?? g.group,
        values: [g.exposureShare, g.catalogShare],
      })),
      labelShare: 0.34,
      max: 1,
      format: (v) => percent(v, 0),
    });
  }
  if (data.exposure.length === 0) layout.paragraph('No item grouping had more than one group to compare.');

  layout.heading('Where the model does worst and best');
  const { cohorts } = data;
  layout.paragraph(
    `Viewer cohorts found by error analysis (error = 1 - ${data.quality.metric}; the average error is ` +
      `${figure(cohorts.meanError)}). A cohort is described by the conditions its viewers share.`,
  );
  if (cohorts.worst.length === 0) {
    layout.paragraph(
      'No cohort stands out: the error analysis found no group of viewers large enough whose error ' +
        'differs clearly from the rest.',
      { color: COLORS.muted },
    );
    return;
  }
  const rows = (list: ScorecardData['cohorts']['worst'], kind: string) =>
    list.map((c) => [
      kind,
      c.description,
      `${c.size} (${percent(c.sizeShare, 0)})`,
      figure(c.errorRate),
      percent(c.shareOfError, 0),
    ]);
  layout.table(
    [
      { header: '', width: 0.1 },
      { header: 'Cohort', width: 0.42 },
      { header: 'Viewers', width: 0.16, align: 'right' },
      { header: 'Error', width: 0.14, align: 'right' },
      { header: 'Share of all error', width: 0.18, align: 'right' },
    ],
    [...rows(cohorts.worst, 'Worst'), ...rows(cohorts.best, 'Best')],
  );
}
