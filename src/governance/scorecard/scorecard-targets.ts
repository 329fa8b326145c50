import type { PromotionPolicy } from '../../config/governance-policy.js';
import type { AuditFigures } from './audit-figures.js';
import type { ScorecardData, ScorecardTarget, TargetStatus } from './scorecard-data.js';

/** Viewer groupings in the words of a reader who has not seen the code. */
export const GROUPING_LABELS: Readonly<Record<string, string>> = {
  gender: 'gender',
  ageBand: 'age band',
  occupation: 'occupation',
  profileKind: 'profile type (adult, teen, kids)',
  activity: 'how active viewers are',
  'gender|ageBand': 'gender and age band together',
};

export const groupingLabel = (grouping: string): string => GROUPING_LABELS[grouping] ?? grouping;

export function statusOf(value: number, comparison: '>=' | '<=', threshold: number): TargetStatus {
  return (comparison === '>=' ? value >= threshold : value <= threshold) ? 'meets' : 'misses';
}

const fixed = (x: number) => x.toFixed(3);

export interface TargetInputs {
  thresholds: PromotionPolicy['thresholds'];
  audit: AuditFigures;
  gate: ScorecardData['gate'];
  requiredSignoffs: readonly string[];
  signoffs: ScorecardData['signoffs'];
}

/**
 * The "against targets" lines: each promotion threshold of the current policy next to what this
 * version shows. Figures the scorecard measures itself (accuracy floor, group fairness, creator exposure,
 * coverage) come from its fresh audit; the comparison with production and the catalog safety check exist
 * only in a gate report, so without one they are "not measured", never guessed.
 */
export function scorecardTargets(inputs: TargetInputs): ScorecardTarget[] {
  const { thresholds, audit, gate } = inputs;
  const targets: ScorecardTarget[] = [];
  const measured = (
    line: Omit<ScorecardTarget, 'status' | 'value' | 'threshold'> & { value: number; threshold: number },
  ) => targets.push({ ...line, status: statusOf(line.value, line.comparison, line.threshold) });
  const notMeasured = (line: Omit<ScorecardTarget, 'status' | 'value'>) =>
    targets.push({ ...line, value: null, status: 'not-measured' });
  const fromGate = (
    id: string,
    label: string,
    threshold: number,
    comparison: '>=' | '<=',
    share: boolean,
  ) => {
    const check = gate?.checks.find((c) => c.id === id);
    if (!gate) return notMeasured({ id, label, threshold, comparison, share, note: 'no gate report yet' });
    if (!check || check.skipped !== null || check.value === null) {
      return notMeasured({
        id,
        label,
        threshold,
        comparison,
        share,
        note: check?.skipped ?? 'the gate report has no such check',
      });
    }
    measured({ id, label, value: check.value, threshold, comparison, share, note: `from gate ${gate.id}` });
  };

  const metric = audit.quality.metric;
  measured({
    id: 'accuracy-floor',
    label: `Relevance of the recommendations (${metric})`,
    value: audit.quality.overall.mean,
    threshold: thresholds.minAccuracy,
    comparison: '>=',
    share: false,
    note:
      `${Math.round(audit.quality.confidence * 100)}% interval ${fixed(audit.quality.overall.ci[0])} to ` +
      `${fixed(audit.quality.overall.ci[1])}` +
      (thresholds.minAccuracy === 0 ? '; the policy sets no floor' : ''),
  });
  fromGate(
    'accuracy-relative',
    `Relevance compared with the production model (share of its ${metric})`,
    thresholds.minRelativeAccuracy,
    '>=',
    false,
  );

  for (const frame of audit.fairness) {
    const line = {
      id: `group-fairness:${frame.grouping}`,
      label: `Fairness across viewer groups by ${groupingLabel(frame.grouping)} (worst over best)`,
      threshold: thresholds.minGroupFairnessRatio,
      comparison: '>=' as const,
      share: false,
    };
    if (frame.worstGroup === null || frame.bestGroup === null) {
      notMeasured({
        ...line,
        note: `fewer than two groups of at least ${audit.quality.minGroupSize} viewers to compare`,
      });
    } else {
      measured({
        ...line,
        value: frame.ratio.value,
        note: `worst ${frame.worstGroup}, best ${frame.bestGroup}; interval ${fixed(frame.ratio.ci[0])} to ${fixed(frame.ratio.ci[1])}`,
      });
    }
  }

  const exposureLine = {
    id: 'exposure:underrepresented',
    label: 'Visibility of under-represented creators (exposure share over catalog share)',
    threshold: thresholds.minExposureRatio,
    comparison: '>=' as const,
    share: false,
  };
  const underrepresented = audit.exposure
    .find((a) => a.attribute === 'creatorGroup')
    ?.groups.find((g) => g.group === 'underrepresented');
  if (underrepresented?.exposureToCatalog === null || underrepresented === undefined) {
    notMeasured({ ...exposureLine, note: 'no catalog item has a creator marked under-represented' });
  } else {
    measured({
      ...exposureLine,
      value: underrepresented.exposureToCatalog,
      note: `${(100 * underrepresented.exposureShare).toFixed(1)}% of exposure for ${(100 * underrepresented.catalogShare).toFixed(1)}% of the catalog`,
    });
  }

  measured({
    id: 'coverage',
    label: 'Share of the catalog recommended to someone',
    value: audit.quality.coverage,
    threshold: thresholds.minCoverage,
    comparison: '>=',
    share: true,
    note: `over ${audit.quality.evaluatedViewers} viewers' lists`,
  });
  fromGate(
    'catalog-safety',
    'Unsafe items among the most recommended (held back by the safety inspection)',
    thresholds.maxUnsafeShare,
    '<=',
    true,
  );

  const required = inputs.requiredSignoffs;
  const signed = required.filter((role) => inputs.signoffs.some((s) => s.role === role));
  const signoffLine = {
    id: 'signoffs',
    label: `Sign-offs by ${required.length > 0 ? required.join(' and ') : 'no role'} on the gate report`,
    threshold: required.length,
    comparison: '>=' as const,
    share: false,
  };
  if (!gate) notMeasured({ ...signoffLine, note: 'no gate report to sign off yet' });
  else {
    const missing = required.filter((role) => !signed.includes(role));
    measured({
      ...signoffLine,
      value: signed.length,
      note: missing.length === 0 ? 'every required role signed' : `waiting for ${missing.join(', ')}`,
    });
  }
  return targets;
}
