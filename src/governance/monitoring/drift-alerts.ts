import type { AlertInput } from './alerts.js';
import type { DriftThresholds } from './drift-histograms.js';
import type { DistributionReport, FairnessReport } from './drift-report.js';

/** The bins that moved most, for the alert's detail (shares only). */
function largestMoves(distribution: DistributionReport, n = 5) {
  return [...distribution.bins]
    .sort((a, b) => Math.abs(b.recent - b.baseline) - Math.abs(a.recent - a.baseline))
    .slice(0, n)
    .map((bin) => ({ bin: bin.label, baseline: bin.baseline, recent: bin.recent }));
}

/** One alert for a drifted distribution, named by the measure that crossed (the PSI first). */
export function driftAlert(d: DistributionReport, t: DriftThresholds, windowDays: number): AlertInput[] {
  if (d.status !== 'drift' || d.psi === null || d.js === null) return [];
  const byPsi = d.psi >= t.psiAlert;
  const value = byPsi ? d.psi : d.js;
  const threshold = byPsi ? t.psiAlert : t.jsAlert;
  return [
    {
      kind: 'drift',
      severity: value >= 2 * threshold ? 'critical' : 'warning',
      metric: `${d.name}.${byPsi ? 'psi' : 'js'}`,
      value,
      threshold,
      detail: {
        distribution: d.name,
        description: d.description,
        psi: d.psi,
        js: d.js,
        psiAlert: t.psiAlert,
        jsAlert: t.jsAlert,
        windowDays,
        recentTotal: d.recentTotal,
        largestMoves: largestMoves(d),
      },
    },
  ];
}

/** One alert when under-represented creators' exposure ratio fell below the policy's minimum. */
export function fairnessAlert(f: FairnessReport, windowDays: number): AlertInput[] {
  if (f.status !== 'alert' || f.ratio === null) return [];
  return [
    {
      kind: 'fairness',
      severity: f.ratio < f.threshold / 2 ? 'critical' : 'warning',
      metric: `exposure_ratio.${f.group}`,
      value: f.ratio,
      threshold: f.threshold,
      detail: {
        group: f.group,
        catalogShare: f.catalogShare,
        exposureShare: f.exposureShare,
        slots: f.slots,
        windowDays,
      },
    },
  ];
}
