import type { DetectionQuality } from '../detection/detection-quality.js';
import type { TargetOutcome } from '../evaluation/shilling-experiment.js';

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** Detection over several targets: counts summed, precision and recall from the sums (micro average). */
export function pooledDetection(outcomes: readonly TargetOutcome[]): DetectionQuality {
  let truePositives = 0;
  let falsePositives = 0;
  let injected = 0;
  for (const { detection } of outcomes) {
    truePositives += detection.truePositives;
    falsePositives += detection.falsePositives;
    injected += detection.injected;
  }
  const flagged = truePositives + falsePositives;
  return {
    flagged,
    truePositives,
    falsePositives,
    injected,
    precision: round(flagged > 0 ? truePositives / flagged : injected === 0 ? 1 : 0),
    recall: round(injected > 0 ? truePositives / injected : 1),
  };
}

/** One model's figures averaged over the targets. */
export interface ModelSummary {
  algorithm: string;
  targets: number;
  /** Mean hit ratio at k of the targets among genuine viewers who had not seen them. */
  hitRatio: { noAttack: number; attacked: number; defended: number };
  /** Mean change of the target's score against no attack (prediction shift, Mobasher et al. 2007). */
  predictionShift: { attacked: number; defended: number };
  /** Mean rank of the target among unseen items (1 is the top). */
  meanRank: { noAttack: number; attacked: number; defended: number };
}

export function summarizeModels(outcomes: readonly TargetOutcome[]): ModelSummary[] {
  const byModel = new Map<string, TargetOutcome['models']>();
  for (const outcome of outcomes) {
    for (const model of outcome.models)
      byModel.set(model.algorithm, [...(byModel.get(model.algorithm) ?? []), model]);
  }
  return [...byModel].map(([algorithm, runs]) => {
    const mean = (pick: (run: (typeof runs)[number]) => number) =>
      round(runs.reduce((sum, run) => sum + pick(run), 0) / runs.length, 6);
    return {
      algorithm,
      targets: runs.length,
      hitRatio: {
        noAttack: mean((r) => r.noAttack.hitRatio),
        attacked: mean((r) => r.attacked.hitRatio),
        defended: mean((r) => r.defended.hitRatio),
      },
      predictionShift: {
        attacked: mean((r) => r.attacked.meanScore - r.noAttack.meanScore),
        defended: mean((r) => r.defended.meanScore - r.noAttack.meanScore),
      },
      meanRank: {
        noAttack: mean((r) => r.noAttack.meanRank),
        attacked: mean((r) => r.attacked.meanRank),
        defended: mean((r) => r.defended.meanRank),
      },
    };
  });
}

/**
 * Whether the defence kept a target's hit ratio within `tolerance` (relative) of its no-attack value.
 * A relative band around zero is empty, so when no attack gives a hit ratio of 0 the band is taken as
 * `tolerance` times one viewer's share (1 / viewers measured): "no more than a fraction of one viewer".
 */
export function withinNoAttack(
  defended: number,
  noAttack: number,
  viewers: number,
  tolerance = 0.2,
): boolean {
  const band = Math.max(tolerance * noAttack, viewers > 0 ? tolerance / viewers : 0);
  return Math.abs(defended - noAttack) <= band + 1e-12;
}
