/** Binary classification metrics from a confusion matrix; label 1 is the positive (harmful) class. */

export interface ConfusionMatrix {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface BinaryMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly balancedAccuracy: number;
  readonly falsePositiveRate: number;
  readonly accuracy: number;
  readonly positives: number;
  readonly negatives: number;
}

export function confusionMatrix(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number | boolean>,
): ConfusionMatrix {
  if (labels.length !== predicted.length) throw new Error('labels and predictions differ in length');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const positive = labels[i] === 1;
    const flagged = predicted[i] === 1 || predicted[i] === true;
    if (positive && flagged) tp += 1;
    else if (positive) fn += 1;
    else if (flagged) fp += 1;
    else tn += 1;
  }
  return { tp, fp, tn, fn };
}

/** Scores at or above the threshold count as positive. */
export function confusionAtThreshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ConfusionMatrix {
  const predicted = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i += 1) predicted[i] = (scores[i] as number) >= threshold ? 1 : 0;
  return confusionMatrix(labels, predicted);
}

/** Ratios with an empty denominator are 0, so that a metric never becomes NaN in a report. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function binaryMetrics(cm: ConfusionMatrix): BinaryMetrics {
  const positives = cm.tp + cm.fn;
  const negatives = cm.tn + cm.fp;
  const precision = ratio(cm.tp, cm.tp + cm.fp);
  const recall = ratio(cm.tp, positives);
  const specificity = ratio(cm.tn, negatives);
  return {
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    balancedAccuracy: (recall + specificity) / 2,
    falsePositiveRate: ratio(cm.fp, negatives),
    accuracy: ratio(cm.tp + cm.tn, positives + negatives),
    positives,
    negatives,
  };
}
