import type { PromotionPolicy } from '../../config/governance-policy.js';
import type { AuditReport } from '../../evaluate/audit/run-audit.js';
import type { CatalogSafety } from './catalog-safety.js';
import { type GateCheck, SMALLEST_REPORTED_GROUP } from './gate-report.js';

/** What the gate measured, from which every threshold of the policy is checked. */
export interface GateMeasurements {
  candidate: AuditReport;
  /** The production version on the same protocol; null when nothing is in production. */
  baseline: AuditReport | null;
  /** The candidate's most exposed items, inspected. */
  safety: CatalogSafety;
}

/** Unsafe items named in a check's detail (the rest are counted). */
const NAMED_UNSAFE_ITEMS = 20;

type Thresholds = PromotionPolicy['thresholds'];

const round = (value: number) => Number(value.toFixed(4));

function check(
  fields: Pick<GateCheck, 'id' | 'label' | 'threshold' | 'comparison'> & {
    value: number | null;
    skipped?: string | null;
    detail?: Record<string, unknown>;
  },
): GateCheck {
  const value = fields.value === null ? null : round(fields.value);
  const skipped = fields.skipped ?? null;
  const passed =
    skipped !== null ||
    (value !== null && (fields.comparison === '>=' ? value >= fields.threshold : value <= fields.threshold));
  return { ...fields, value, skipped, passed, detail: fields.detail ?? {} };
}

function accuracyChecks({ candidate, baseline }: GateMeasurements, thresholds: Thresholds): GateCheck[] {
  const ndcg = candidate.overall.mean;
  const relative = {
    id: 'accuracy-relative',
    label: `nDCG@${candidate.k} relative to production`,
    threshold: thresholds.minRelativeAccuracy,
    comparison: '>=' as const,
  };
  const detail = { candidate: ndcg, candidateCi: candidate.overall.ci };
  return [
    baseline === null
      ? check({ ...relative, value: null, skipped: 'nothing is in production to compare with', detail })
      : baseline.overall.mean === 0
        ? check({
            ...relative,
            value: null,
            skipped: "production's nDCG is 0: any candidate matches it",
            detail,
          })
        : check({
            ...relative,
            value: ndcg / baseline.overall.mean,
            detail: { ...detail, baseline: baseline.overall.mean, baselineCi: baseline.overall.ci },
          }),
    check({
      id: 'accuracy-floor',
      label: `nDCG@${candidate.k}`,
      value: ndcg,
      threshold: thresholds.minAccuracy,
      comparison: '>=',
      detail: { ci: candidate.overall.ci },
    }),
  ];
}

/** One check per viewer grouping in which at least two groups were large enough to compare. */
function fairnessChecks({ candidate }: GateMeasurements, thresholds: Thresholds): GateCheck[] {
  const compared = candidate.fairness.filter((frame) => frame.worstGroup !== null);
  const base = { threshold: thresholds.minGroupFairnessRatio, comparison: '>=' as const };
  if (compared.length === 0) {
    const measured = candidate.fairness.map((frame) => frame.attribute);
    return [
      check({
        ...base,
        id: 'group-fairness',
        label: 'worst over best viewer group nDCG',
        value: null,
        skipped:
          `no viewer grouping has two groups of at least ${candidate.settings.minGroupSize} evaluated viewers` +
          (measured.length > 0 ? ` (measured: ${measured.join(', ')})` : ''),
        detail: { notCompared: candidate.skipped },
      }),
    ];
  }
  return compared.map((frame) =>
    check({
      ...base,
      id: `group-fairness:${frame.attribute}`,
      label: `worst over best nDCG@${candidate.k} across viewer groups by ${frame.attribute}`,
      value: frame.ratio.value,
      detail: {
        worstGroup: frame.worstGroup,
        bestGroup: frame.bestGroup,
        ratioCi: frame.ratio.ci,
        difference: frame.difference.value,
        differenceCi: frame.difference.ci,
        groups: frame.byGroup.filter((group) => group.n >= SMALLEST_REPORTED_GROUP),
      },
    }),
  );
}

function exposureCheck({ candidate }: GateMeasurements, thresholds: Thresholds): GateCheck {
  const creators = candidate.exposure.byAttribute.find((a) => a.attribute === 'creatorGroup');
  const group = creators?.groups.find((g) => g.group === 'underrepresented');
  const base = {
    id: 'exposure:underrepresented',
    label: "under-represented creators' share of exposure over their share of the catalog",
    threshold: thresholds.minExposureRatio,
    comparison: '>=' as const,
  };
  if (!group || group.items === 0 || group.exposureToCatalog === null) {
    return check({ ...base, value: null, skipped: 'no catalog item has an under-represented creator' });
  }
  return check({
    ...base,
    value: group.exposureToCatalog,
    detail: {
      items: group.items,
      catalogShare: group.catalogShare,
      exposureShare: group.exposureShare,
      exposureToRelevance: group.exposureToRelevance,
    },
  });
}

function coverageCheck({ candidate }: GateMeasurements, thresholds: Thresholds): GateCheck {
  return check({
    id: 'coverage',
    label: 'share of the catalog recommended to someone',
    value: candidate.exposure.catalog.coverage,
    threshold: thresholds.minCoverage,
    comparison: '>=',
    detail: { gini: candidate.exposure.catalog.gini, items: candidate.sizes.items },
  });
}

function safetyCheck({ safety }: GateMeasurements, thresholds: Thresholds): GateCheck {
  const base = {
    id: 'catalog-safety',
    label: "share of the candidate's most exposed items held back as unsafe",
    threshold: thresholds.maxUnsafeShare,
    comparison: '<=' as const,
  };
  if (safety.inspected === 0) {
    return check({ ...base, value: null, skipped: 'the candidate recommended no item to anyone' });
  }
  const count = (heldBy: string) => safety.unsafe.filter((item) => item.heldBy === heldBy).length;
  return check({
    ...base,
    value: safety.unsafe.length / safety.inspected,
    detail: {
      inspected: safety.inspected,
      unsafe: safety.unsafe.length,
      heldByCurators: count('curation'),
      heldByInspection: count('inspection'),
      items: safety.unsafe.slice(0, NAMED_UNSAFE_ITEMS),
    },
  });
}

/** Every threshold of the policy checked against what the gate measured, in a fixed order. */
export function gateChecks(measured: GateMeasurements, thresholds: Thresholds): GateCheck[] {
  return [
    ...accuracyChecks(measured, thresholds),
    ...fairnessChecks(measured, thresholds),
    exposureCheck(measured, thresholds),
    coverageCheck(measured, thresholds),
    safetyCheck(measured, thresholds),
  ];
}

/** The sentence a refusal gives for a failed check: what, how much, and the bound it missed. */
export function failureOf(check: GateCheck): string {
  const side = check.comparison === '>=' ? 'below the minimum' : 'above the maximum';
  return `${check.id}: ${check.label} is ${check.value ?? 'unmeasured'}, ${side} of ${check.threshold}`;
}
