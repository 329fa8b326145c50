/**
 * Trains the learned safety models and writes their generated weight modules.
 *
 *   npx tsx scripts/train-safety-models.ts [--data /work/shared/data] [--out src/safety/learned/weights]
 *     [--seed 20240607] [--date YYYY-MM-DD] [--only prompt-attack|toxicity]
 *
 * For each model: 5-fold stratified cross-validation in which every outer training set runs its own
 * inner 4-fold cross-validation to fit the Platt calibration and choose the decision threshold, so
 * held-out rows never influence the threshold that judges them. Then the same procedure on all data
 * gives the shipped model. Prints one JSON report on stdout; writes nothing but the modules in --out.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import * as prettier from 'prettier';

import {
  binaryMetrics,
  confusionAtThreshold,
  type BinaryMetrics,
} from '../src/safety/learned/binary-metrics.js';
import { kFoldSplits } from '../src/safety/learned/cross-validate.js';
import { type FeatureConfig, FeatureExtractor, type SparseVector } from '../src/safety/learned/features.js';
import {
  balancedClassWeights,
  fitPlattScaling,
  type LogisticModel,
  type PlattScaling,
  rowMargin,
  sigmoid,
  trainLogisticRegression,
} from '../src/safety/learned/logistic-regression.js';
import {
  type DataSourceRecord,
  encodeWeights,
  loadModel,
  MODEL_FORMAT,
  type ModelHeadFile,
  renderModelModule,
  type SafetyModelFile,
  scoreAllHeads,
} from '../src/safety/learned/model-file.js';

interface Args {
  data: string;
  out: string;
  seed: number;
  date: string;
  only: string | undefined;
  /** Exploration overrides; the committed models use the defaults below. */
  l2: number | undefined;
  bits: number | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    data: '/work/shared/data',
    out: 'src/safety/learned/weights',
    seed: 20240607,
    date: new Date().toISOString().slice(0, 10),
    only: undefined,
    l2: undefined,
    bits: undefined,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${argv[i]}`);
    if (argv[i] === '--data') args.data = value;
    else if (argv[i] === '--out') args.out = value;
    else if (argv[i] === '--seed') args.seed = Number(value);
    else if (argv[i] === '--date') args.date = value;
    else if (argv[i] === '--only') args.only = value;
    else if (argv[i] === '--l2') args.l2 = Number(value);
    else if (argv[i] === '--bits') args.bits = Number(value);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Data

/** One example: text, label, the data source it came from (a stratum), and its sample weight factor. */
interface Example {
  readonly text: string;
  readonly label: 0 | 1;
  readonly source: number;
}

interface Corpus {
  readonly examples: Example[];
  readonly sources: DataSourceRecord[];
}

const JACKHHAO = 'injection/jackhhao-jailbreak-train/jailbreak_dataset_train_balanced.csv';
const INJECGUARD = 'injection/injecguard-notinject-overdefense';
const DAVIDSON = 'toxicity/davidson-hate-offensive/labeled_data.csv';

const PA_SOURCE = { jackhhaoBenign: 0, jackhhaoJailbreak: 1, notInject: 2, wildguard: 3, bipia: 4 } as const;

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function loadPromptAttackCorpus(dataDir: string): Corpus {
  const examples: Example[] = [];
  const jack = parse(readFileSync(join(dataDir, JACKHHAO)), { columns: true }) as {
    prompt: string;
    type: string;
  }[];
  for (const row of jack) {
    const jailbreak = row.type === 'jailbreak';
    if (!jailbreak && row.type !== 'benign') throw new Error(`unexpected jackhhao type ${row.type}`);
    examples.push({
      text: row.prompt,
      label: jailbreak ? 1 : 0,
      source: jailbreak ? PA_SOURCE.jackhhaoJailbreak : PA_SOURCE.jackhhaoBenign,
    });
  }
  let notInject = 0;
  for (const name of ['NotInject_one.json', 'NotInject_two.json', 'NotInject_three.json']) {
    for (const row of readJson(join(dataDir, INJECGUARD, name)) as { prompt: string }[]) {
      examples.push({ text: row.prompt, label: 0, source: PA_SOURCE.notInject });
      notInject += 1;
    }
  }
  let wildguard = 0;
  for (const row of readJson(join(dataDir, INJECGUARD, 'wildguard.json')) as {
    prompt: string;
    label: number;
  }[]) {
    if (row.label !== 0) continue;
    examples.push({ text: row.prompt, label: 0, source: PA_SOURCE.wildguard });
    wildguard += 1;
  }
  let bipia = 0;
  for (const name of ['BIPIA_text.json', 'BIPIA_code.json']) {
    for (const list of Object.values(readJson(join(dataDir, INJECGUARD, name)) as Record<string, string[]>)) {
      for (const text of list) {
        examples.push({ text, label: 1, source: PA_SOURCE.bipia });
        bipia += 1;
      }
    }
  }
  const jackPositives = jack.filter((row) => row.type === 'jailbreak').length;
  return {
    examples,
    sources: [
      {
        name: 'jackhhao/jailbreak-classification (balanced train)',
        path: JACKHHAO,
        rows: jack.length,
        positives: jackPositives,
        role: 'jailbreak vs benign prompts',
      },
      {
        name: 'InjecGuard NotInject (one, two, three)',
        path: `${INJECGUARD}/NotInject_*.json`,
        rows: notInject,
        positives: 0,
        role: 'hard negatives with trigger words',
      },
      {
        name: 'InjecGuard WildGuardTest benign',
        path: `${INJECGUARD}/wildguard.json`,
        rows: wildguard,
        positives: 0,
        role: 'benign prompts',
      },
      {
        name: 'InjecGuard BIPIA attack instructions (text, code)',
        path: `${INJECGUARD}/BIPIA_*.json`,
        rows: bipia,
        positives: bipia,
        role: 'injected instructions',
      },
    ],
  };
}

interface ToxicityRow {
  readonly text: string;
  readonly klass: number;
}

function loadDavidson(dataDir: string): ToxicityRow[] {
  const rows = parse(readFileSync(join(dataDir, DAVIDSON)), { columns: true }) as Record<string, string>[];
  return rows.map((row) => {
    const klass = Number(row.class);
    if (klass !== 0 && klass !== 1 && klass !== 2) throw new Error(`unexpected Davidson class ${row.class}`);
    return { text: row.tweet ?? '', klass };
  });
}

// ---------------------------------------------------------------------------------------------
// Fitting with an inner cross-validation for calibration and threshold

interface HeadSpec {
  readonly name: string;
  readonly labels: Uint8Array;
  /** Class-balance weights times any per-source factor. */
  readonly weights: Float64Array;
  /** Strata for the folds. */
  readonly strata: Int32Array;
  /** Rows whose false-positive rate the threshold must keep under `maxConstrainedFpr` (if any). */
  readonly constrained?: Uint8Array;
  readonly maxConstrainedFpr?: number;
}

interface FittedHead {
  readonly model: LogisticModel;
  readonly calibration: PlattScaling;
  readonly threshold: number;
}

const OUTER_FOLDS = 5;
const INNER_FOLDS = 4;

type NumericArray = Uint8Array | Int32Array | Float64Array;

/** values[indices[i]] for every i, into a new array of the same kind. */
function pick<T extends NumericArray>(values: T, indices: Int32Array, make: (n: number) => T): T {
  const out = make(indices.length);
  for (let i = 0; i < indices.length; i += 1) out[i] = values[indices[i] as number] as number;
  return out;
}

function fitModel(
  rows: readonly SparseVector[],
  spec: HeadSpec,
  idx: Int32Array,
  dimension: number,
  l2: number,
): LogisticModel {
  const trainRows = Array.from(idx, (i) => rows[i] as SparseVector);
  const labels = pick(spec.labels, idx, (n) => new Uint8Array(n));
  const weights = pick(spec.weights, idx, (n) => new Float64Array(n));
  return trainLogisticRegression(trainRows, labels, {
    dimension,
    l2,
    sampleWeights: weights,
    maxIterations: 300,
  }).model;
}

/**
 * The threshold on calibrated probabilities that maximizes the weighted balanced accuracy, subject to
 * the constrained rows' false-positive rate staying at or under the cap.
 */
function chooseThreshold(probabilities: Float64Array, spec: HeadSpec, idx: Int32Array): number {
  const order = Array.from(idx.keys()).sort(
    (a, b) => (probabilities[b] as number) - (probabilities[a] as number),
  );
  let totalPos = 0;
  let totalNeg = 0;
  let totalConstrained = 0;
  for (let k = 0; k < idx.length; k += 1) {
    const i = idx[k] as number;
    const w = spec.weights[i] as number;
    if (spec.labels[i] === 1) totalPos += w;
    else totalNeg += w;
    if (spec.constrained?.[i] === 1) totalConstrained += 1;
  }
  let tpw = 0;
  let fpw = 0;
  let constrainedFp = 0;
  let best = 1;
  let bestScore = -Infinity;
  for (let r = 0; r < order.length; r += 1) {
    const k = order[r] as number;
    const i = idx[k] as number;
    const w = spec.weights[i] as number;
    if (spec.labels[i] === 1) tpw += w;
    else fpw += w;
    if (spec.constrained?.[i] === 1) constrainedFp += 1;
    const p = probabilities[k] as number;
    const nextP = r + 1 < order.length ? (probabilities[order[r + 1] as number] as number) : -Infinity;
    if (nextP === p) continue; // only cut between distinct scores
    if (
      spec.maxConstrainedFpr !== undefined &&
      totalConstrained > 0 &&
      constrainedFp / totalConstrained > spec.maxConstrainedFpr
    )
      break;
    const score = (tpw / totalPos + (1 - fpw / totalNeg)) / 2;
    if (score > bestScore) {
      bestScore = score;
      // Midway to the next score down: a held-out score equal to neither side falls naturally.
      best = Number.isFinite(nextP) ? (p + nextP) / 2 : p;
    }
  }
  return best;
}

function fitWithCalibration(
  rows: readonly SparseVector[],
  spec: HeadSpec,
  idx: Int32Array,
  dimension: number,
  l2: number,
  seed: number,
): FittedHead {
  const innerStrata = pick(spec.strata, idx, (n) => new Int32Array(n));
  const margins = new Float64Array(idx.length);
  for (const split of kFoldSplits(innerStrata, INNER_FOLDS, seed + 1)) {
    const model = fitModel(
      rows,
      spec,
      pick(idx, split.train, (n) => new Int32Array(n)),
      dimension,
      l2,
    );
    for (const k of split.test)
      margins[k] = rowMargin(model.weights, model.bias, rows[idx[k] as number] as SparseVector);
  }
  const labels = pick(spec.labels, idx, (n) => new Uint8Array(n));
  const weights = pick(spec.weights, idx, (n) => new Float64Array(n));
  const calibration = fitPlattScaling(margins, labels, weights);
  const probabilities = margins.map((m) => sigmoid(calibration.a * m + calibration.b));
  const threshold = chooseThreshold(probabilities, spec, idx);
  return { model: fitModel(rows, spec, idx, dimension, l2), calibration, threshold };
}

/** Held-out calibrated probabilities and decisions for every row, from the outer folds. */
function crossValidate(
  rows: readonly SparseVector[],
  spec: HeadSpec,
  dimension: number,
  l2: number,
  seed: number,
): { probabilities: Float64Array; flagged: Uint8Array; thresholds: number[] } {
  const probabilities = new Float64Array(rows.length);
  const flagged = new Uint8Array(rows.length);
  const thresholds: number[] = [];
  kFoldSplits(spec.strata, OUTER_FOLDS, seed).forEach((split, fold) => {
    const started = performance.now();
    const fitted = fitWithCalibration(rows, spec, split.train, dimension, l2, seed + 100 * (fold + 1));
    thresholds.push(fitted.threshold);
    for (const i of split.test) {
      const m = rowMargin(fitted.model.weights, fitted.model.bias, rows[i] as SparseVector);
      const p = sigmoid(fitted.calibration.a * m + fitted.calibration.b);
      probabilities[i] = p;
      flagged[i] = p >= fitted.threshold ? 1 : 0;
    }
    log(
      `  ${spec.name} fold ${fold + 1}/${OUTER_FOLDS}: threshold ${fitted.threshold.toFixed(3)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  });
  return { probabilities, flagged, thresholds };
}

function metricsFor(labels: Uint8Array, flagged: Uint8Array, include: (i: number) => boolean): BinaryMetrics {
  const l: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < labels.length; i += 1) {
    if (!include(i)) continue;
    l.push(labels[i] as number);
    f.push(flagged[i] as number);
  }
  return binaryMetrics(confusionAtThreshold(l, f, 0.5));
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

function roundAll(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, round(v)]));
}

/** Area under the ROC curve from held-out probabilities (ties count half). */
function rocAuc(labels: Uint8Array, scores: Float64Array, include: (i: number) => boolean): number {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i += 1)
    if (include(i)) (labels[i] === 1 ? pos : neg).push(scores[i] as number);
  neg.sort((a, b) => a - b);
  let sum = 0;
  for (const p of pos) {
    let lo = 0;
    let hi = neg.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((neg[mid] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    let ties = 0;
    for (let j = lo; j < neg.length && neg[j] === p; j += 1) ties += 1;
    sum += lo + ties / 2;
  }
  return pos.length === 0 || neg.length === 0 ? 0 : sum / (pos.length * neg.length);
}

function extractAll(extractor: FeatureExtractor, texts: readonly string[]): SparseVector[] {
  const started = performance.now();
  const rows = texts.map((text) => extractor.extract(text));
  log(`  features for ${texts.length} texts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return rows;
}

function head(name: string, fitted: FittedHead, minCode = 1): ModelHeadFile {
  const encoded = encodeWeights(fitted.model.weights, minCode);
  return {
    name,
    bias: fitted.model.bias,
    calibration: fitted.calibration,
    threshold: fitted.threshold,
    scale: encoded.scale,
    nonZero: encoded.nonZero,
    weights: encoded.weights,
  };
}

const MAX_MODULE_BYTES = 395_000;

/**
 * Drops the smallest weights (raising the minimum code) until the generated module fits the size
 * budget; the report's quantization drift shows what that cost.
 */
function fitSizeBudget(
  file: SafetyModelFile,
  fitted: readonly FittedHead[],
): { file: SafetyModelFile; minCode: number } {
  let minCode = 1;
  let current = file;
  while (renderModelModule(current, 'X').length > MAX_MODULE_BYTES && minCode < 64) {
    minCode += 1;
    const code = minCode;
    current = { ...current, heads: current.heads.map((h, i) => head(h.name, fitted[i] as FittedHead, code)) };
  }
  return { file: current, minCode };
}

/** How far the int8 code moves the shipped probabilities, on the training texts themselves. */
function quantizationDrift(
  file: SafetyModelFile,
  texts: readonly string[],
  fitted: readonly FittedHead[],
  rows: readonly SparseVector[],
): number {
  const loaded = loadModel(file);
  let worst = 0;
  for (let i = 0; i < texts.length; i += 1) {
    const shipped = scoreAllHeads(loaded, texts[i] as string);
    fitted.forEach((f, h) => {
      const p = sigmoid(
        f.calibration.a * rowMargin(f.model.weights, f.model.bias, rows[i] as SparseVector) + f.calibration.b,
      );
      worst = Math.max(worst, Math.abs(p - (shipped[h] as number)));
    });
  }
  return worst;
}

// ---------------------------------------------------------------------------------------------
// The two models

const PROMPT_ATTACK_FEATURES_DEFAULT: FeatureConfig = {
  hashBits: 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  dense: 'prompt-attack',
};
const PROMPT_ATTACK_L2_DEFAULT = 1e-4;
/**
 * BIPIA's injected instructions are mostly ordinary requests ("Recommend a good book...") that are
 * only attacks because of where they sit; at full weight they would teach the model that asking for
 * a recommendation is an attack. Half weight keeps their imperative-to-an-assistant signal.
 */
const BIPIA_WEIGHT = 0.5;
const MAX_HARD_NEGATIVE_FPR = 0.03;

async function trainPromptAttack(
  args: Args,
): Promise<{ file: SafetyModelFile; report: Record<string, unknown> }> {
  const PROMPT_ATTACK_L2 = args.l2 ?? PROMPT_ATTACK_L2_DEFAULT;
  const PROMPT_ATTACK_FEATURES = {
    ...PROMPT_ATTACK_FEATURES_DEFAULT,
    hashBits: args.bits ?? PROMPT_ATTACK_FEATURES_DEFAULT.hashBits,
  };
  log('prompt-attack: loading data');
  const corpus = loadPromptAttackCorpus(args.data);
  const { examples } = corpus;
  const extractor = new FeatureExtractor(PROMPT_ATTACK_FEATURES);
  const rows = extractAll(
    extractor,
    examples.map((e) => e.text),
  );
  const labels = Uint8Array.from(examples, (e) => e.label);
  const weights = balancedClassWeights(labels);
  examples.forEach((e, i) => {
    if (e.source === PA_SOURCE.bipia) weights[i] = (weights[i] as number) * BIPIA_WEIGHT;
  });
  const hardNegative = Uint8Array.from(examples, (e) =>
    e.source === PA_SOURCE.notInject || e.source === PA_SOURCE.wildguard ? 1 : 0,
  );
  const spec: HeadSpec = {
    name: 'attack',
    labels,
    weights,
    strata: Int32Array.from(examples, (e) => e.source),
    constrained: hardNegative,
    maxConstrainedFpr: MAX_HARD_NEGATIVE_FPR,
  };
  const cv = crossValidate(rows, spec, extractor.dimension, PROMPT_ATTACK_L2, args.seed);
  const isJack = (i: number): boolean => {
    const s = examples[i]?.source;
    return s === PA_SOURCE.jackhhaoBenign || s === PA_SOURCE.jackhhaoJailbreak;
  };
  const jack = metricsFor(labels, cv.flagged, isJack);
  const injecguard = metricsFor(labels, cv.flagged, (i) => hardNegative[i] === 1);
  const notInject = metricsFor(labels, cv.flagged, (i) => examples[i]?.source === PA_SOURCE.notInject);
  const wildguard = metricsFor(labels, cv.flagged, (i) => examples[i]?.source === PA_SOURCE.wildguard);
  const bipia = metricsFor(labels, cv.flagged, (i) => examples[i]?.source === PA_SOURCE.bipia);
  const all = metricsFor(labels, cv.flagged, () => true);
  const crossValidation = {
    jackhhao: roundAll({
      balancedAccuracy: jack.balancedAccuracy,
      falsePositiveRate: jack.falsePositiveRate,
      precision: jack.precision,
      recall: jack.recall,
      f1: jack.f1,
      rocAuc: rocAuc(labels, cv.probabilities, isJack),
      rows: jack.positives + jack.negatives,
    }),
    injecguardBenign: roundAll({
      falsePositiveRate: injecguard.falsePositiveRate,
      notInjectFalsePositiveRate: notInject.falsePositiveRate,
      wildguardFalsePositiveRate: wildguard.falsePositiveRate,
      rows: injecguard.negatives,
    }),
    bipia: roundAll({ recall: bipia.recall, rows: bipia.positives }),
    overall: roundAll({
      balancedAccuracy: all.balancedAccuracy,
      falsePositiveRate: all.falsePositiveRate,
      recall: all.recall,
      precision: all.precision,
      f1: all.f1,
      rows: all.positives + all.negatives,
    }),
    thresholds: roundAll(Object.fromEntries(cv.thresholds.map((t, f) => [`fold${f + 1}`, t]))),
  };
  log('prompt-attack: fitting on all data');
  const everything = Int32Array.from(examples.keys());
  const fitted = fitWithCalibration(rows, spec, everything, extractor.dimension, PROMPT_ATTACK_L2, args.seed);
  const file: SafetyModelFile = {
    format: MODEL_FORMAT,
    name: 'prompt-attack',
    trainedAt: args.date,
    features: PROMPT_ATTACK_FEATURES,
    denseFeatures: [...extractor.denseNames],
    training: {
      algorithm: 'L2-regularized logistic regression (L-BFGS), class-balanced sample weights',
      l2: PROMPT_ATTACK_L2,
      bipiaWeight: BIPIA_WEIGHT,
      maxHardNegativeFpr: MAX_HARD_NEGATIVE_FPR,
      outerFolds: OUTER_FOLDS,
      innerFolds: INNER_FOLDS,
      seed: args.seed,
      calibration: 'Platt scaling on inner cross-validated margins, class-balanced',
    },
    dataSources: corpus.sources,
    crossValidation,
    heads: [head('attack', fitted)],
  };
  const sized = fitSizeBudget(file, [fitted]);
  const drift = quantizationDrift(
    sized.file,
    examples.map((e) => e.text),
    [fitted],
    rows,
  );
  return {
    file: sized.file,
    report: { crossValidation, minCode: sized.minCode, quantizationMaxProbabilityDrift: round(drift) },
  };
}

const TOXICITY_FEATURES_DEFAULT: FeatureConfig = {
  hashBits: 17,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  dense: 'none',
};
const TOXICITY_L2_DEFAULT = 1e-4;

async function trainToxicity(
  args: Args,
): Promise<{ file: SafetyModelFile; report: Record<string, unknown> }> {
  const TOXICITY_L2 = args.l2 ?? TOXICITY_L2_DEFAULT;
  const TOXICITY_FEATURES = {
    ...TOXICITY_FEATURES_DEFAULT,
    hashBits: args.bits ?? TOXICITY_FEATURES_DEFAULT.hashBits,
  };
  log('toxicity: loading data');
  const data = loadDavidson(args.data);
  const extractor = new FeatureExtractor(TOXICITY_FEATURES);
  const rows = extractAll(
    extractor,
    data.map((row) => row.text),
  );
  const strata = Int32Array.from(data, (row) => row.klass);
  const toxicLabels = Uint8Array.from(data, (row) => (row.klass === 2 ? 0 : 1));
  const hateLabels = Uint8Array.from(data, (row) => (row.klass === 0 ? 1 : 0));
  const toxicSpec: HeadSpec = {
    name: 'toxic',
    labels: toxicLabels,
    weights: balancedClassWeights(toxicLabels),
    strata,
  };
  const hateSpec: HeadSpec = {
    name: 'hate',
    labels: hateLabels,
    weights: balancedClassWeights(hateLabels),
    strata,
  };
  const toxicCv = crossValidate(rows, toxicSpec, extractor.dimension, TOXICITY_L2, args.seed);
  const hateCv = crossValidate(rows, hateSpec, extractor.dimension, TOXICITY_L2, args.seed);
  const toxic = metricsFor(toxicLabels, toxicCv.flagged, () => true);
  const hate = metricsFor(hateLabels, hateCv.flagged, () => true);
  const crossValidation = {
    toxic: roundAll({
      f1: toxic.f1,
      balancedAccuracy: toxic.balancedAccuracy,
      precision: toxic.precision,
      recall: toxic.recall,
      falsePositiveRate: toxic.falsePositiveRate,
      rocAuc: rocAuc(toxicLabels, toxicCv.probabilities, () => true),
      rows: data.length,
    }),
    hate: roundAll({
      recall: hate.recall,
      precision: hate.precision,
      f1: hate.f1,
      balancedAccuracy: hate.balancedAccuracy,
      falsePositiveRate: hate.falsePositiveRate,
      rocAuc: rocAuc(hateLabels, hateCv.probabilities, () => true),
      rows: data.length,
    }),
  };
  log('toxicity: fitting on all data');
  const everything = Int32Array.from(data.keys());
  const fittedToxic = fitWithCalibration(
    rows,
    toxicSpec,
    everything,
    extractor.dimension,
    TOXICITY_L2,
    args.seed,
  );
  const fittedHate = fitWithCalibration(
    rows,
    hateSpec,
    everything,
    extractor.dimension,
    TOXICITY_L2,
    args.seed,
  );
  const counts = [0, 1, 2].map((k) => data.filter((row) => row.klass === k).length);
  const file: SafetyModelFile = {
    format: MODEL_FORMAT,
    name: 'toxicity',
    trainedAt: args.date,
    features: TOXICITY_FEATURES,
    denseFeatures: [...extractor.denseNames],
    training: {
      algorithm: 'L2-regularized logistic regression (L-BFGS), class-balanced sample weights',
      l2: TOXICITY_L2,
      outerFolds: OUTER_FOLDS,
      innerFolds: INNER_FOLDS,
      seed: args.seed,
      calibration: 'Platt scaling on inner cross-validated margins, class-balanced',
      heads: 'toxic = Davidson class 0 or 1; hate = class 0',
    },
    dataSources: [
      {
        name: 'Davidson et al. 2017 hate speech and offensive language',
        path: DAVIDSON,
        rows: data.length,
        positives: (counts[0] as number) + (counts[1] as number),
        role: `tweets: ${counts[0]} hate, ${counts[1]} offensive, ${counts[2]} neither`,
      },
    ],
    crossValidation,
    heads: [head('toxic', fittedToxic), head('hate', fittedHate)],
  };
  const sized = fitSizeBudget(file, [fittedToxic, fittedHate]);
  const sample = data.slice(0, 3000);
  const drift = quantizationDrift(
    sized.file,
    sample.map((row) => row.text),
    [fittedToxic, fittedHate],
    rows.slice(0, 3000),
  );
  return {
    file: sized.file,
    report: { crossValidation, minCode: sized.minCode, quantizationMaxProbabilityDrift: round(drift) },
  };
}

async function writeModule(
  outDir: string,
  fileName: string,
  exportName: string,
  file: SafetyModelFile,
): Promise<number> {
  mkdirSync(outDir, { recursive: true });
  const path = resolve(outDir, fileName);
  const options = (await prettier.resolveConfig(path)) ?? {};
  const source = await prettier.format(renderModelModule(file, exportName), { ...options, filepath: path });
  writeFileSync(path, source);
  return Buffer.byteLength(source);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const report: Record<string, unknown> = { seed: args.seed, data: args.data };
  if (args.only === undefined || args.only === 'prompt-attack') {
    const { file, report: r } = await trainPromptAttack(args);
    const bytes = await writeModule(args.out, 'prompt-attack.generated.ts', 'PROMPT_ATTACK_MODEL', file);
    report.promptAttack = {
      ...r,
      threshold: round(file.heads[0]?.threshold ?? NaN),
      nonZeroWeights: file.heads[0]?.nonZero,
      fileBytes: bytes,
    };
  }
  if (args.only === undefined || args.only === 'toxicity') {
    const { file, report: r } = await trainToxicity(args);
    const bytes = await writeModule(args.out, 'toxicity.generated.ts', 'TOXICITY_MODEL', file);
    report.toxicity = {
      ...r,
      thresholds: Object.fromEntries(file.heads.map((h) => [h.name, round(h.threshold)])),
      nonZeroWeights: Object.fromEntries(file.heads.map((h) => [h.name, h.nonZero])),
      fileBytes: bytes,
    };
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
