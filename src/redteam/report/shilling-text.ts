import type { DetectionQuality } from '../detection/detection-quality.js';
import type { ModelSummary } from './shilling-summary.js';

/** The parts of a shilling run's report its readable summary shows. */
export interface ShillingReportView {
  kind: string;
  parameters: { size: number; filler: number; selected: number; k: number };
  injectedPerTarget: number;
  targets: readonly unknown[];
  detection: DetectionQuality;
  models: readonly ModelSummary[];
  goals: {
    precision: number;
    recall: number;
    hitRatioTolerance: number;
    detectionMet: boolean;
    hitRatioMet: boolean;
  };
}

const percent = (value: number) => `${Number((value * 100).toFixed(2))}%`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** A few lines a person reads after a run: what was injected, what was caught, what it did. */
export function shillingSummary(report: ShillingReportView): string {
  const { parameters: p, detection: d, goals } = report;
  const lines = [
    `${report.kind}: ${percent(p.size)} fake profiles (${report.injectedPerTarget} per target), filler ${percent(p.filler)}, ` +
      `${p.selected} selected items, ${report.targets.length} target(s), k=${p.k}`,
    `  detection: precision ${d.precision.toFixed(3)}, recall ${d.recall.toFixed(3)} ` +
      `(${d.truePositives} of ${d.injected} fakes flagged, ${d.falsePositives} genuine viewers flagged)`,
  ];
  for (const m of report.models) {
    lines.push(
      `  ${m.algorithm}: hit ratio@${p.k} no attack ${m.hitRatio.noAttack.toFixed(4)}, attacked ${m.hitRatio.attacked.toFixed(4)}, ` +
        `defended ${m.hitRatio.defended.toFixed(4)}; mean rank ${m.meanRank.noAttack.toFixed(0)} -> ` +
        `${m.meanRank.attacked.toFixed(0)} -> ${m.meanRank.defended.toFixed(0)}`,
    );
  }
  lines.push(
    `  goals: detection precision >= ${goals.precision} and recall >= ${goals.recall} ${met(goals.detectionMet)}; ` +
      `defended hit ratio within ${percent(goals.hitRatioTolerance)} of no attack ${met(goals.hitRatioMet)}`,
  );
  return lines.join('\n');
}
