/**
 * The serialized form of a hashed-feature logistic model and its loader. Weights ship as generated
 * TypeScript modules (so `tsc` copies them into dist/ like any other source), holding the non-zero
 * weights only: a presence bitmap followed by one signed byte per present weight. The byte is a
 * square-root code, w = sign(q)·(q/127)²·scale, which keeps relative precision for the many small
 * weights that a linear int8 code would round to zero.
 */
import { type FeatureConfig, FeatureExtractor, type NormalizedText } from './features.js';
import { type PlattScaling, sigmoid } from './logistic-regression.js';

export const MODEL_FORMAT = 'candor-hashed-lr/1';

export interface ModelHeadFile {
  readonly name: string;
  readonly bias: number;
  readonly calibration: PlattScaling;
  /** Decision threshold on the calibrated probability, chosen inside training folds only. */
  readonly threshold: number;
  /** Largest absolute weight; the code's unit. */
  readonly scale: number;
  readonly nonZero: number;
  /** Base64 of the sparse weight encoding described above. */
  readonly weights: string;
}

export interface DataSourceRecord {
  readonly name: string;
  readonly path: string;
  readonly rows: number;
  readonly positives: number;
  readonly role: string;
}

export interface SafetyModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly name: string;
  readonly trainedAt: string;
  readonly features: FeatureConfig;
  /** Names of the dense features after the hash buckets, to catch a code/weights mismatch at load. */
  readonly denseFeatures: readonly string[];
  readonly training: Readonly<Record<string, number | string | boolean>>;
  readonly dataSources: readonly DataSourceRecord[];
  /** Cross-validated figures as printed by the training script. */
  readonly crossValidation: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly heads: readonly ModelHeadFile[];
}

const CODE_MAX = 127;

/**
 * Encodes a fitted model's weights: a presence bitmap over all weights (one bit each, so the cost
 * does not depend on how the non-zeros are spread) followed by one code byte per present weight.
 * Weights whose code is below `minCode` are dropped; they move a margin by less than
 * (minCode/127)²·scale per unit of feature value.
 */
export function encodeWeights(
  weights: Float32Array,
  minCode = 1,
): { scale: number; nonZero: number; weights: string } {
  let scale = 0;
  for (let i = 0; i < weights.length; i += 1) scale = Math.max(scale, Math.abs(weights[i] as number));
  const bitmap = new Uint8Array(Math.ceil(weights.length / 8));
  const codes: number[] = [];
  if (scale > 0) {
    for (let i = 0; i < weights.length; i += 1) {
      const w = weights[i] as number;
      const q = Math.round(CODE_MAX * Math.sqrt(Math.abs(w) / scale));
      if (q < minCode || q === 0) continue;
      bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
      codes.push(w < 0 ? -q : q);
    }
  }
  const bytes = new Uint8Array(bitmap.length + codes.length);
  bytes.set(bitmap);
  codes.forEach((code, k) => {
    bytes[bitmap.length + k] = code & 0xff;
  });
  return { scale, nonZero: codes.length, weights: Buffer.from(bytes).toString('base64') };
}

/** The weight a code byte stands for: w = sign(q)·(q/127)²·scale, q the byte read as signed. */
function codeValue(byte: number, scale: number): number {
  const q = byte > 127 ? byte - 256 : byte;
  const unit = q / CODE_MAX;
  return Math.sign(q) * unit * unit * scale;
}

/**
 * Walks an encoding (presence bitmap, then one code byte per present weight) and calls
 * `visit(index, byte)` for every present weight; throws if the bytes do not match the bitmap.
 */
function forEachCode(encoded: string, dimension: number, visit: (index: number, byte: number) => void): void {
  const bytes = Buffer.from(encoded, 'base64');
  const bitmapLength = Math.ceil(dimension / 8);
  let next = bitmapLength;
  for (let byteIndex = 0; byteIndex < bitmapLength; byteIndex += 1) {
    let bits = bytes[byteIndex] as number;
    while (bits !== 0) {
      const bit = 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      const code = bytes[next];
      if (code === undefined) throw new Error('truncated weight encoding');
      next += 1;
      visit(byteIndex * 8 + bit, code);
    }
  }
  if (next !== bytes.length) throw new Error('weight encoding has the wrong length');
}

export function decodeWeights(encoded: string, scale: number, dimension: number): Float32Array {
  const out = new Float32Array(dimension);
  forEachCode(encoded, dimension, (index, byte) => {
    out[index] = codeValue(byte, scale);
  });
  return out;
}

export interface LoadedHead {
  readonly name: string;
  readonly bias: number;
  readonly calibration: PlattScaling;
  readonly threshold: number;
}

export interface LoadedModel {
  readonly file: SafetyModelFile;
  readonly extractor: FeatureExtractor;
  readonly heads: readonly LoadedHead[];
  /**
   * The weights as scoring reads them: every head's code byte for a feature side by side
   * (`codes[feature * heads + h]`), decoded through `lookup[h * 256 + byte]`. A quarter of the memory of
   * float weights, so the random reads of a text's few thousand features mostly hit the cache; the
   * decoded values are exactly `decodeWeights`'.
   */
  readonly codes: Uint8Array;
  readonly lookup: Float32Array;
}

/** Every head's code bytes interleaved, and each head's byte → weight table. */
function interleavedCodes(
  heads: readonly ModelHeadFile[],
  dimension: number,
): { codes: Uint8Array; lookup: Float32Array } {
  const stride = heads.length;
  const codes = new Uint8Array(dimension * stride);
  const lookup = new Float32Array(256 * stride);
  heads.forEach((head, h) => {
    for (let byte = 1; byte < 256; byte += 1) lookup[h * 256 + byte] = codeValue(byte, head.scale);
    forEachCode(head.weights, dimension, (index, byte) => {
      codes[index * stride + h] = byte;
    });
  });
  return { codes, lookup };
}

export function loadModel(file: SafetyModelFile): LoadedModel {
  if (file.format !== MODEL_FORMAT) throw new Error(`unsupported model format ${String(file.format)}`);
  const extractor = new FeatureExtractor(file.features);
  if (extractor.denseNames.join('|') !== file.denseFeatures.join('|')) {
    throw new Error(`model ${file.name} was trained with different dense features; retrain it`);
  }
  const heads = file.heads.map((head) => ({
    name: head.name,
    bias: head.bias,
    calibration: head.calibration,
    threshold: head.threshold,
  }));
  return { file, extractor, heads, ...interleavedCodes(file.heads, extractor.dimension) };
}

/** Decodes on first use: importing a weights module must not cost startup time. */
export function lazyModel(file: SafetyModelFile): () => LoadedModel {
  let loaded: LoadedModel | undefined;
  return () => {
    loaded ??= loadModel(file);
    return loaded;
  };
}

export function calibrate(calibration: PlattScaling, margin: number): number {
  return sigmoid(calibration.a * margin + calibration.b);
}

/** Calibrated probability of one head. */
export function headProbability(
  model: LoadedModel,
  head: LoadedHead,
  text: string,
  normalized?: NormalizedText,
): number {
  const h = model.heads.indexOf(head);
  if (h < 0) throw new Error(`head ${head.name} is not one of model ${model.file.name}'s`);
  return scoreAllHeads(model, text, normalized)[h] as number;
}

/**
 * Calibrated probabilities of every head, sharing one feature pass: the features are collected once
 * and dotted with each head's weights.
 */
export function scoreAllHeads(model: LoadedModel, text: string, normalized?: NormalizedText): number[] {
  const { heads, codes, lookup } = model;
  const stride = heads.length;
  const margins = heads.map((head) => head.bias);
  if (stride === 1) {
    // Summed from zero and the bias added last, the order the weights were validated in.
    let dot = 0;
    model.extractor.forEachFeature(
      text,
      (index, value) => {
        dot += (lookup[codes[index] as number] as number) * value;
      },
      normalized,
    );
    margins[0] = dot + (margins[0] as number);
  } else {
    model.extractor.forEachFeature(
      text,
      (index, value) => {
        const base = index * stride;
        for (let h = 0; h < stride; h += 1) {
          margins[h] =
            (margins[h] as number) + (lookup[h * 256 + (codes[base + h] as number)] as number) * value;
        }
      },
      normalized,
    );
  }
  return heads.map((head, h) => calibrate(head.calibration, margins[h] as number));
}

/** The TypeScript source of a generated weights module. */
export function renderModelModule(file: SafetyModelFile, exportName: string): string {
  return [
    '// Generated by scripts/train-safety-models.ts. Do not edit: retrain instead.',
    "import { type SafetyModelFile } from '../model-file.js';",
    '',
    `export const ${exportName}: SafetyModelFile = ${JSON.stringify(file, null, 2)};`,
    '',
  ].join('\n');
}
