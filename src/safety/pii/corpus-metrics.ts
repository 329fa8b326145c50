import { type Finding } from '../finding.js';
import { type PiiSample } from './synthetic-pii.js';

export interface TypeMetrics {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** NaN when there was nothing to find (or nothing found), so callers cannot mistake it for 1. */
  readonly recall: number;
  readonly precision: number;
}

export interface CorpusMetrics {
  readonly byType: Readonly<Record<string, TypeMetrics>>;
  /** Share of benign samples on which nothing at all was reported. */
  readonly benignClean: number;
  /** True positives over all reported findings, across types. */
  readonly precision: number;
}

/**
 * Scores a detector against a synthetic corpus. A detection counts only if its type and exact span
 * match an expected entry: a phone reported without its "+44" prefix would leak part of the number.
 */
export function scorePiiCorpus(
  samples: readonly PiiSample[],
  detect: (text: string) => Finding[],
): CorpusMetrics {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (type: string, key: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(type, c);
  };
  let benign = 0;
  let benignClean = 0;
  for (const sample of samples) {
    const found = detect(sample.text).filter((f) => f.span !== undefined);
    if (sample.benign) {
      benign++;
      if (found.length === 0) benignClean++;
    }
    const matched = new Set<number>();
    for (const f of found) {
      const i = sample.expected.findIndex(
        (e, j) => !matched.has(j) && e.type === f.type && e.start === f.span?.start && e.end === f.span?.end,
      );
      if (i === -1) bump(f.type, 'fp');
      else {
        matched.add(i);
        bump(f.type, 'tp');
      }
    }
    sample.expected.forEach((e, j) => {
      if (!matched.has(j)) bump(e.type, 'fn');
    });
  }
  const byType: Record<string, TypeMetrics> = {};
  let tp = 0;
  let reported = 0;
  for (const [type, c] of counts) {
    tp += c.tp;
    reported += c.tp + c.fp;
    byType[type] = {
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      recall: c.tp + c.fn === 0 ? Number.NaN : c.tp / (c.tp + c.fn),
      precision: c.tp + c.fp === 0 ? Number.NaN : c.tp / (c.tp + c.fp),
    };
  }
  return {
    byType,
    benignClean: benign === 0 ? Number.NaN : benignClean / benign,
    precision: reported === 0 ? Number.NaN : tp / reported,
  };
}
