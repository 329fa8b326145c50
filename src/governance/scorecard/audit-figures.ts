import type { PromotionPolicy } from '../../config/governance-policy.js';
import type { ErrorCohort } from '../../evaluate/audit/error-analysis.js';
import { type AuditReport, runAudit } from '../../evaluate/audit/run-audit.js';
import { readStoreAuditDataset } from '../../evaluate/audit/store-audit-dataset.js';
import { parseSplitSpec } from '../../evaluate/split-spec.js';
import type { ModelManifest } from '../../models/model-artifact.js';
import type { Store } from '../../store/open-store.js';
import { MIN_REPORTED_GROUP, type ScorecardData } from './scorecard-data.js';

/** The scorecard's measured part: what a fresh audit of the version's recipe shows on today's data. */
export type AuditFigures = Pick<
  ScorecardData,
  'quality' | 'fairness' | 'fairnessSkipped' | 'exposure' | 'cohorts'
>;

export interface AuditFigureOptions {
  /** Bootstrap resamples per interval (default 1000). */
  resamples?: number;
  /**
   * Groups with fewer evaluated viewers are shown but not compared (default 20, as `candor audit`;
   * never under MIN_REPORTED_GROUP).
   */
  minGroupSize?: number;
}

const DEFAULT_MIN_GROUP_SIZE = 20;

/** How many cohorts each of the best and worst lists holds. */
const COHORTS_SHOWN = 3;

/**
 * Splits the error analysis's cohorts (worst first) into the worst and the best few, never listing one
 * cohort in both: with few cohorts the worst half is the worst list and the rest, best first, the best.
 * A single cohort is everyone (no split stood out): neither worst nor best.
 */
export function bestAndWorst(cohorts: readonly ErrorCohort[]): { worst: ErrorCohort[]; best: ErrorCohort[] } {
  if (cohorts.length < 2) return { worst: [], best: [] };
  const worst = cohorts.slice(0, Math.min(COHORTS_SHOWN, Math.ceil(cohorts.length / 2)));
  const best = cohorts.slice(worst.length).reverse().slice(0, COHORTS_SHOWN);
  return { worst, best };
}

/** The report's figures in the scorecard's shape, small groups left out. */
export function auditFiguresOf(report: AuditReport): AuditFigures {
  const cohort = (c: ErrorCohort) => ({
    description: c.description,
    size: c.size,
    sizeShare: c.sizeShare,
    errorRate: c.errorRate,
    shareOfError: c.shareOfError,
  });
  const { worst, best } = bestAndWorst(report.errorAnalysis.cohorts);
  return {
    quality: {
      metric: report.metric,
      evaluatedViewers: report.sizes.evaluatedViewers,
      overall: report.overall,
      coverage: report.exposure.catalog.coverage,
      gini: report.exposure.catalog.gini,
      confidence: report.settings.confidence,
      resamples: report.settings.resamples,
      minGroupSize: report.settings.minGroupSize,
    },
    fairness: report.fairness.map((frame) => {
      const shown = frame.byGroup.filter((g) => g.n >= MIN_REPORTED_GROUP);
      return {
        grouping: frame.attribute,
        ratio: frame.ratio,
        difference: frame.difference,
        worstGroup: frame.worstGroup,
        bestGroup: frame.bestGroup,
        groups: shown,
        hiddenGroups: frame.byGroup.length - shown.length,
      };
    }),
    fairnessSkipped: report.skipped,
    exposure: report.exposure.byAttribute.map((audit) => ({
      attribute: audit.attribute,
      groups: audit.groups.map((g) => ({
        group: g.group,
        items: g.items,
        catalogShare: g.catalogShare,
        exposureShare: g.exposureShare,
        relevanceShare: g.relevanceShare,
        exposureToCatalog: g.exposureToCatalog,
      })),
    })),
    cohorts: {
      meanError: report.errorAnalysis.meanError,
      worst: worst.map(cohort),
      best: best.map(cohort),
    },
  };
}

/**
 * Audits the version's algorithm and parameters on the store's data under the gate's fixed protocol
 * (split, seed, k): the same measurement every version gets, so scorecards compare. It refits the
 * recipe on the training part of the split rather than scoring with the stored weights, because the
 * stored weights have seen the test part.
 */
export async function auditFigures(
  store: Store,
  manifest: ModelManifest,
  protocol: PromotionPolicy['protocol'],
  options: AuditFigureOptions = {},
): Promise<AuditFigures> {
  const report = await runAudit(await readStoreAuditDataset(store), {
    algorithm: manifest.algorithm,
    params: manifest.params,
    split: parseSplitSpec(protocol.split),
    seed: protocol.seed,
    k: protocol.k,
    ...(options.resamples === undefined ? {} : { resamples: options.resamples }),
    // A group too small to be shown is never the worst or best group named either.
    minGroupSize: Math.max(options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE, MIN_REPORTED_GROUP),
  });
  return auditFiguresOf(report);
}
