import { performance } from 'node:perf_hooks';
import { type HarmCategory } from '../finding.js';
import { decide } from '../gateway/decide.js';
import { inspectLocally } from '../inspect/inspect-locally.js';
import { binaryMetrics, confusionMatrix } from '../learned/binary-metrics.js';
import { PII_TYPES } from '../pii/recognizer.js';
import { DEFAULT_SAFETY_POLICY, type SafetyPolicy, type SafetySurface } from '../safety-policy.js';
import { isBenignLabel } from './read-labelled-file.js';

/** What a label can claim a text contains, in report order. */
export const LABEL_CATEGORIES = [
  'prompt_attack',
  'hate',
  'toxic',
  'sexual',
  'violence',
  'self_harm',
  'pii',
  'unsafe',
] as const;
export type LabelCategory = (typeof LABEL_CATEGORIES)[number];

const LABEL_ALIASES: Readonly<Record<string, LabelCategory>> = {
  jailbreak: 'prompt_attack',
  injection: 'prompt_attack',
  prompt_injection: 'prompt_attack',
  attack: 'prompt_attack',
  prompt_attack: 'prompt_attack',
  hate: 'hate',
  hate_speech: 'hate',
  offensive: 'toxic',
  toxic: 'toxic',
  profanity: 'toxic',
  abusive: 'toxic',
  insult: 'toxic',
  sexual: 'sexual',
  violence: 'violence',
  self_harm: 'self_harm',
  selfharm: 'self_harm',
  pii: 'pii',
  ...Object.fromEntries(PII_TYPES.map((type) => [type, 'pii'])),
};

/** Harm severity from which a category counts as found: 2 is Azure AI Content Safety's "low". */
export const DEFAULT_HARM_THRESHOLD = 2;

/** Redaction output is not scored, so any fixed key will do. */
const EVALUATION_KEY = Buffer.alloc(32);

/** `benign` for a negative label; labels nobody mapped (`1`, `unsafe`, `harmful`) mean "something bad". */
export function categoryOfLabel(label: string): LabelCategory | 'benign' {
  if (isBenignLabel(label)) return 'benign';
  const key = label
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return LABEL_ALIASES[key] ?? 'unsafe';
}

export interface EvaluationRow {
  readonly text: string;
  readonly label: string;
}

export interface EvaluateSafetyOptions {
  readonly surface?: SafetySurface;
  readonly threshold?: number;
  readonly policy?: SafetyPolicy;
  /** Milliseconds; injectable so a test can pin the timing fields. */
  readonly clock?: () => number;
}

export interface CategoryReport {
  readonly category: LabelCategory | 'any';
  /** Rows scored: those labelled benign plus those labelled with the category. */
  readonly rows: number;
  readonly positives: number;
  readonly negatives: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly balancedAccuracy: number;
  readonly falsePositiveRate: number;
}

export interface SafetyEvaluationReport {
  readonly surface: SafetySurface;
  readonly threshold: number;
  readonly rows: number;
  readonly benign: number;
  /** How many rows carry each label category (benign included). */
  readonly labels: Readonly<Record<string, number>>;
  /** One-vs-benign, for each category some row is labelled with, in LABEL_CATEGORIES order. */
  readonly categories: readonly CategoryReport[];
  /** Labelled anything but benign, against "blocked, or any category predicted". */
  readonly any: CategoryReport;
  /** How many rows the gateway blocked, redacted and allowed. */
  readonly actions: Readonly<Record<'allow' | 'redact' | 'block', number>>;
  readonly elapsedMs: number;
  readonly msPerRow: number;
}

/** What the gateway's inspection and decision say a text contains, in label terms. */
function predictedCategories(
  text: string,
  surface: SafetySurface,
  policy: SafetyPolicy,
  threshold: number,
): { predicted: Set<LabelCategory>; action: 'allow' | 'redact' | 'block' } {
  const inspection = inspectLocally(text, surface, undefined, { promptAttacks: true });
  const decision = decide(text, inspection, surface, policy.surfaces[surface], EVALUATION_KEY);
  const predicted = new Set<LabelCategory>();
  const kinds = new Set(inspection.findings.map((finding) => finding.kind));
  if (kinds.has('prompt_attack')) predicted.add('prompt_attack');
  let anyHarm = false;
  for (const { category, severity } of inspection.categories) {
    if (severity < threshold) continue;
    predicted.add(category satisfies HarmCategory);
    anyHarm = true;
  }
  if (anyHarm || kinds.has('profanity')) predicted.add('toxic');
  if (kinds.has('pii')) predicted.add('pii');
  if (decision.action === 'block') predicted.add('unsafe');
  return { predicted, action: decision.action };
}

function report(category: CategoryReport['category'], labels: number[], flagged: boolean[]): CategoryReport {
  const cm = confusionMatrix(labels, flagged);
  const m = binaryMetrics(cm);
  return {
    category,
    rows: labels.length,
    positives: m.positives,
    negatives: m.negatives,
    truePositives: cm.tp,
    falsePositives: cm.fp,
    falseNegatives: cm.fn,
    trueNegatives: cm.tn,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    balancedAccuracy: m.balancedAccuracy,
    falsePositiveRate: m.falsePositiveRate,
  };
}

/**
 * Runs every row through the local gateway (inspection, then the default policy of one surface) and
 * scores what it found against the labels. Each category is scored one-vs-benign, so a hateful row
 * caught as toxic does not count as a false positive for prompt attacks.
 */
export function evaluateSafety(
  rows: readonly EvaluationRow[],
  options: EvaluateSafetyOptions = {},
): SafetyEvaluationReport {
  const surface = options.surface ?? 'ask';
  const threshold = options.threshold ?? DEFAULT_HARM_THRESHOLD;
  const policy = options.policy ?? DEFAULT_SAFETY_POLICY;
  const clock = options.clock ?? (() => performance.now());
  if (!Number.isFinite(threshold)) throw new Error(`threshold must be a number, got ${threshold}`);

  // The learned models load on first use; the timing is meant to show the cost per row, not the loading.
  inspectLocally('warm up the models', surface, undefined, { promptAttacks: true });
  const started = clock();
  const labelled = rows.map((row) => categoryOfLabel(row.label));
  const actions = { allow: 0, redact: 0, block: 0 };
  const predictions = rows.map((row) => {
    const result = predictedCategories(row.text, surface, policy, threshold);
    actions[result.action] += 1;
    return result.predicted;
  });
  const elapsedMs = clock() - started;

  const labels: Record<string, number> = {};
  for (const category of labelled) labels[category] = (labels[category] ?? 0) + 1;

  const categories: CategoryReport[] = [];
  for (const category of LABEL_CATEGORIES) {
    if (labels[category] === undefined) continue;
    const truth: number[] = [];
    const flagged: boolean[] = [];
    labelled.forEach((label, at) => {
      if (label !== 'benign' && label !== category) return;
      truth.push(label === category ? 1 : 0);
      flagged.push(predictions[at]?.has(category) === true);
    });
    categories.push(report(category, truth, flagged));
  }
  const any = report(
    'any',
    labelled.map((label) => (label === 'benign' ? 0 : 1)),
    predictions.map((predicted) => predicted.size > 0),
  );

  return {
    surface,
    threshold,
    rows: rows.length,
    benign: labels.benign ?? 0,
    labels,
    categories,
    any,
    actions,
    elapsedMs,
    msPerRow: rows.length === 0 ? 0 : elapsedMs / rows.length,
  };
}
