/**
 * L2-regularized logistic regression over sparse rows, fitted with full-batch L-BFGS. Full batch
 * rather than SGD because the data sets are small (thousands of rows): the optimum is then
 * reproducible to the last bit, with no learning rate or shuffle order to tune or seed.
 */
import { type SparseVector } from './features.js';

export interface LogisticModel {
  readonly weights: Float32Array;
  readonly bias: number;
}

export interface TrainOptions {
  /** Number of weights; every row index must be below it. */
  readonly dimension: number;
  /** Strength of (λ/2)·‖w‖² added to the weighted mean log-loss; the bias is not penalized. */
  readonly l2: number;
  /** Per-row weights (e.g. for class balance); default 1. */
  readonly sampleWeights?: ArrayLike<number>;
  readonly maxIterations?: number;
  /** Stop when the relative decrease of the objective over one iteration falls below this. */
  readonly tolerance?: number;
  /** L-BFGS history length. */
  readonly memory?: number;
}

export interface TrainResult {
  readonly model: LogisticModel;
  /** Objective value (weighted mean log-loss + penalty) before the first and after every iteration. */
  readonly lossHistory: readonly number[];
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function rowMargin(weights: ArrayLike<number>, bias: number, row: SparseVector): number {
  let z = bias;
  for (let j = 0; j < row.indices.length; j += 1) {
    z += (weights[row.indices[j] as number] as number) * (row.values[j] as number);
  }
  return z;
}

/** Weights that make both classes count equally in total: n / (2·n_class). */
export function balancedClassWeights(labels: ArrayLike<number>): Float64Array {
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) if (labels[i] === 1) positives += 1;
  const negatives = labels.length - positives;
  const wPos = positives > 0 ? labels.length / (2 * positives) : 0;
  const wNeg = negatives > 0 ? labels.length / (2 * negatives) : 0;
  const out = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i += 1) out[i] = labels[i] === 1 ? wPos : wNeg;
  return out;
}

/**
 * Objective and gradient at x = [w..., b]. Returns the objective; writes the gradient into `grad`.
 */
function evaluate(
  x: Float64Array,
  rows: readonly SparseVector[],
  labels: ArrayLike<number>,
  sampleWeights: Float64Array,
  totalWeight: number,
  l2: number,
  grad: Float64Array,
): number {
  const dimension = x.length - 1;
  const bias = x[dimension] as number;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] as SparseVector;
    const s = (sampleWeights[i] as number) / totalWeight;
    if (s === 0) continue;
    const z = rowMargin(x, bias, row);
    const y = labels[i] === 1 ? 1 : 0;
    // log-loss = softplus(z) - y·z; its derivative in z is σ(z) - y.
    loss += s * (softplus(z) - y * z);
    const r = s * (sigmoid(z) - y);
    for (let j = 0; j < row.indices.length; j += 1) {
      const k = row.indices[j] as number;
      grad[k] = (grad[k] as number) + r * (row.values[j] as number);
    }
    grad[dimension] = (grad[dimension] as number) + r;
  }
  let penalty = 0;
  for (let k = 0; k < dimension; k += 1) {
    const w = x[k] as number;
    penalty += w * w;
    grad[k] = (grad[k] as number) + l2 * w;
  }
  return loss + 0.5 * l2 * penalty;
}

function dotF64(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

export function trainLogisticRegression(
  rows: readonly SparseVector[],
  labels: ArrayLike<number>,
  options: TrainOptions,
): TrainResult {
  if (rows.length !== labels.length) throw new Error('rows and labels differ in length');
  if (rows.length === 0) throw new Error('no training rows');
  const { dimension, l2 } = options;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-7;
  const memory = options.memory ?? 8;
  const sampleWeights = new Float64Array(rows.length);
  let totalWeight = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const w = options.sampleWeights === undefined ? 1 : (options.sampleWeights[i] as number);
    if (!(w >= 0)) throw new Error(`sample weight ${i} must be non-negative`);
    sampleWeights[i] = w;
    totalWeight += w;
  }
  for (const row of rows) {
    for (let j = 0; j < row.indices.length; j += 1) {
      const k = row.indices[j] as number;
      if (k < 0 || k >= dimension) throw new Error(`feature index ${k} outside dimension ${dimension}`);
    }
  }

  const n = dimension + 1;
  let x = new Float64Array(n);
  let grad = new Float64Array(n);
  let loss = evaluate(x, rows, labels, sampleWeights, totalWeight, l2, grad);
  const lossHistory = [loss];
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(memory);
  let nextX = new Float64Array(n);
  let nextGrad = new Float64Array(n);

  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    // Two-loop recursion: direction = -H·grad.
    for (let i = 0; i < n; i += 1) direction[i] = -(grad[i] as number);
    for (let m = sHistory.length - 1; m >= 0; m -= 1) {
      const a = (rhoHistory[m] as number) * dotF64(sHistory[m] as Float64Array, direction);
      alpha[m] = a;
      const y = yHistory[m] as Float64Array;
      for (let i = 0; i < n; i += 1) direction[i] = (direction[i] as number) - a * (y[i] as number);
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const y = yHistory[last] as Float64Array;
      const gamma = dotF64(sHistory[last] as Float64Array, y) / dotF64(y, y);
      for (let i = 0; i < n; i += 1) direction[i] = (direction[i] as number) * gamma;
    } else {
      const gnorm = Math.sqrt(dotF64(grad, grad));
      if (gnorm === 0) break;
      for (let i = 0; i < n; i += 1) direction[i] = (direction[i] as number) / gnorm;
    }
    for (let m = 0; m < sHistory.length; m += 1) {
      const y = yHistory[m] as Float64Array;
      const beta = (rhoHistory[m] as number) * dotF64(y, direction);
      const s = sHistory[m] as Float64Array;
      const a = alpha[m] as number;
      for (let i = 0; i < n; i += 1) direction[i] = (direction[i] as number) + (a - beta) * (s[i] as number);
    }
    let slope = dotF64(grad, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHistory.length = 0;
      yHistory.length = 0;
      rhoHistory.length = 0;
      for (let i = 0; i < n; i += 1) direction[i] = -(grad[i] as number);
      slope = dotF64(grad, direction);
    }

    // Backtracking line search with the Armijo condition.
    let step = 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries += 1) {
      for (let i = 0; i < n; i += 1) nextX[i] = (x[i] as number) + step * (direction[i] as number);
      nextLoss = evaluate(nextX, rows, labels, sampleWeights, totalWeight, l2, nextGrad);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextLoss < loss)) break;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      s[i] = (nextX[i] as number) - (x[i] as number);
      y[i] = (nextGrad[i] as number) - (grad[i] as number);
    }
    const sy = dotF64(s, y);
    if (sy > 1e-12) {
      if (sHistory.length === memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const decrease = (loss - nextLoss) / Math.max(Math.abs(loss), 1e-12);
    [x, nextX] = [nextX, x];
    [grad, nextGrad] = [nextGrad, grad];
    loss = nextLoss;
    lossHistory.push(loss);
    if (decrease < tolerance) break;
  }

  return {
    model: { weights: Float32Array.from(x.subarray(0, dimension)), bias: x[dimension] as number },
    lossHistory,
  };
}

export interface PlattScaling {
  /** p = σ(a·margin + b). */
  readonly a: number;
  readonly b: number;
}

/**
 * Platt scaling fitted by Newton's method on held-out margins, with optional per-row weights (the
 * training script passes class-balancing weights so that probabilities assume equal priors rather
 * than the training mix). Uses Platt's smoothed targets to avoid infinite slopes on separable data.
 */
export function fitPlattScaling(
  margins: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): PlattScaling {
  let posWeight = 0;
  let negWeight = 0;
  for (let i = 0; i < labels.length; i += 1) {
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (labels[i] === 1) posWeight += w;
    else negWeight += w;
  }
  const hi = (posWeight + 1) / (posWeight + 2);
  const lo = 1 / (negWeight + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < margins.length; i += 1) {
      const w = weights === undefined ? 1 : (weights[i] as number);
      const m = margins[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = sigmoid(a * m + b);
      const r = w * (p - t);
      const h = w * p * (1 - p);
      ga += r * m;
      gb += r;
      haa += h * m * m;
      hab += h * m;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-18)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}
